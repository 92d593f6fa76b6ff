namespace CoreRegistryClient.Drift;

/// <summary>A document could not be canonicalised (and so not hashed).</summary>
public sealed class CanonicalJsonException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CanonicalJsonException() : this("The document cannot be canonicalised.") { }

    /// <summary>Creates the exception.</summary>
    public CanonicalJsonException(string message) : this(message, CanonicalJsonErrorKind.MalformedJson) { }

    /// <summary>Creates the exception.</summary>
    public CanonicalJsonException(string message, Exception innerException) : base(message, innerException) => Kind = CanonicalJsonErrorKind.MalformedJson;

    /// <summary>Creates the exception with its kind.</summary>
    public CanonicalJsonException(string message, CanonicalJsonErrorKind kind, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>Why the document was refused.</summary>
    public CanonicalJsonErrorKind Kind { get; }
}
