namespace CoreRegistryClient;

/// <summary>How an <see cref="ISchemaValidatorFactory"/> compiles a schema. The SDK fills it from its options.</summary>
public sealed class SchemaValidatorOptions
{
    /// <summary>The shared default options (formats are annotations, 2020-12 for schemas without <c>$schema</c>, no document resolver).</summary>
    public static SchemaValidatorOptions Default { get; } = new();

    /// <summary>Whether <c>format</c> is asserted (true) or only an annotation (false, as the specification says by default).</summary>
    public bool FormatAssertion { get; init; }

    /// <summary>The meta-schema (dialect) of a schema without <c>$schema</c>, e.g.
    /// <c>http://json-schema.org/draft-07/schema#</c>; null means 2020-12.</summary>
    public Uri? DefaultMetaSchema { get; init; }

    /// <summary>Supplies the JSON text of documents that <c>$ref</c>s name outside the schema (the URI has no
    /// fragment), or null when unknown. Default: none; no backend fetches anything over the network by itself.</summary>
    public Func<Uri, string?>? DocumentResolver { get; init; }
}
