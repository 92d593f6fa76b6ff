namespace CoreRegistryClient.JsonSchemaNet;

/// <summary>Thrown when a schema is written for a draft JsonSchema.Net 8 does not implement (draft 4, or older):
/// keep the SDK's default engine for those schemas, or move them to draft 6 or later.</summary>
public sealed class UnsupportedSchemaDraftException : SchemaCompilationException
{
    /// <summary>Creates the exception.</summary>
    public UnsupportedSchemaDraftException() : this("", "The schema's draft is not supported by JsonSchema.Net.") { }

    /// <summary>Creates the exception.</summary>
    public UnsupportedSchemaDraftException(string message) : this("", message) { }

    /// <summary>Creates the exception.</summary>
    public UnsupportedSchemaDraftException(string message, Exception innerException) : base(message, innerException) => MetaSchema = "";

    /// <summary>Creates the exception naming the meta-schema the schema declares.</summary>
    /// <param name="metaSchema">The <c>$schema</c> URI (or the default meta-schema) that is not supported.</param>
    /// <param name="message">The message.</param>
    public UnsupportedSchemaDraftException(string metaSchema, string message) : base(message) => MetaSchema = metaSchema;

    /// <summary>The meta-schema URI that is not supported (e.g. <c>http://json-schema.org/draft-04/schema#</c>).</summary>
    public string MetaSchema { get; }
}
