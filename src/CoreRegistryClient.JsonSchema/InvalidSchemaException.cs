namespace CoreRegistryClient.JsonSchema;

/// <summary>Thrown when a schema cannot be compiled: not JSON, invalid against its meta-schema, an unresolvable
/// <c>$ref</c>, an unsupported regular expression, or an unknown <c>$schema</c>.</summary>
public class InvalidSchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidSchemaException() : this("The schema is invalid.", "") { }

    /// <summary>Creates the exception.</summary>
    public InvalidSchemaException(string message) : this(message, "") { }

    /// <summary>Creates the exception.</summary>
    public InvalidSchemaException(string message, Exception innerException) : base(message, innerException) => SchemaLocation = "";

    /// <summary>Creates the exception naming the offending location.</summary>
    public InvalidSchemaException(string message, string schemaLocation, IReadOnlyList<ValidationError>? errors = null, Exception? innerException = null)
        : base(message, innerException)
    {
        SchemaLocation = schemaLocation;
        Errors = errors ?? [];
    }

    /// <summary>JSON Pointer (or absolute URI) of the offending place in the schema.</summary>
    public string SchemaLocation { get; }

    /// <summary>Meta-schema validation errors, when that is why the schema was refused.</summary>
    public IReadOnlyList<ValidationError> Errors { get; } = [];
}
