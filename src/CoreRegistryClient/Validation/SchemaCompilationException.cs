namespace CoreRegistryClient;

/// <summary>Thrown by an <see cref="ISchemaValidatorFactory"/> when a schema cannot be compiled: not valid against its
/// meta-schema, an unresolvable <c>$ref</c>, or something the backend does not support (such as a draft).</summary>
public class SchemaCompilationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchemaCompilationException() : this("The schema cannot be compiled.") { }

    /// <summary>Creates the exception.</summary>
    public SchemaCompilationException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public SchemaCompilationException(string message, Exception innerException) : base(message, innerException) { }
}
