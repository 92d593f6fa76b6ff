using System.Net;

namespace CoreRegistryClient.Registry;

/// <summary>A registry call failed. Never carries the registry token.</summary>
public class RegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RegistryException() : this("The registry call failed.") { }

    /// <summary>Creates the exception.</summary>
    public RegistryException(string message) : this(message, RegistryErrorKind.InvalidResponse) { }

    /// <summary>Creates the exception.</summary>
    public RegistryException(string message, Exception innerException) : base(message, innerException) => Kind = RegistryErrorKind.InvalidResponse;

    /// <summary>Creates the exception with its kind and HTTP status.</summary>
    public RegistryException(string message, RegistryErrorKind kind, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    /// <summary>What went wrong.</summary>
    public RegistryErrorKind Kind { get; }

    /// <summary>The HTTP status, when a response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }
}

/// <summary>The schema (or the requested version) does not exist in the registry.</summary>
public sealed class SchemaNotFoundException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    public SchemaNotFoundException() : this("The schema was not found.") { }

    /// <summary>Creates the exception.</summary>
    public SchemaNotFoundException(string message) : base(message, RegistryErrorKind.NotFound, HttpStatusCode.NotFound) { }

    /// <summary>Creates the exception.</summary>
    public SchemaNotFoundException(string message, Exception innerException) : base(message, RegistryErrorKind.NotFound, HttpStatusCode.NotFound, innerException) { }
}

/// <summary>The registry could not be reached or kept failing (timeout, network, 5xx, open circuit).</summary>
public sealed class RegistryUnavailableException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    public RegistryUnavailableException() : this("The registry is unavailable.") { }

    /// <summary>Creates the exception.</summary>
    public RegistryUnavailableException(string message) : base(message, RegistryErrorKind.Network) { }

    /// <summary>Creates the exception.</summary>
    public RegistryUnavailableException(string message, Exception innerException) : base(message, RegistryErrorKind.Network, null, innerException) { }

    /// <summary>Creates the exception with its kind and HTTP status.</summary>
    public RegistryUnavailableException(string message, RegistryErrorKind kind, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, kind, statusCode, innerException) { }
}
