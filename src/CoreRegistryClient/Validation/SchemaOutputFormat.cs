namespace CoreRegistryClient;

/// <summary>How much an <see cref="ISchemaValidator"/> reports.</summary>
public enum SchemaOutputFormat
{
    /// <summary>Only whether the payload is valid (no errors listed).</summary>
    Flag = 0,

    /// <summary>Every error, each with its instance and keyword locations.</summary>
    List = 1,

    /// <summary>Flag output when the payload is valid, list output when it is not: the call for a hot path that needs
    /// errors only for invalid payloads (a backend may share the parse between both).</summary>
    ListIfInvalid = 2,
}
