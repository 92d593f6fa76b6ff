namespace CoreRegistryClient.JsonSchema;

/// <summary>The JSON Schema drafts the engine understands.</summary>
public enum SchemaDraft
{
    /// <summary>Draft 4 (<c>http://json-schema.org/draft-04/schema#</c>).</summary>
    Draft4 = 4,
    /// <summary>Draft 6 (<c>http://json-schema.org/draft-06/schema#</c>).</summary>
    Draft6 = 6,
    /// <summary>Draft 7 (<c>http://json-schema.org/draft-07/schema#</c>).</summary>
    Draft7 = 7,
    /// <summary>Draft 2019-09 (<c>https://json-schema.org/draft/2019-09/schema</c>).</summary>
    Draft201909 = 2019,
    /// <summary>Draft 2020-12 (<c>https://json-schema.org/draft/2020-12/schema</c>); the default.</summary>
    Draft202012 = 2020,
}
