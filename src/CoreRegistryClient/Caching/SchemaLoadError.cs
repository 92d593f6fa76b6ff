using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Caching;

/// <summary>Why the last load of a schema failed (<see cref="None"/> after a success). Kept on the cache entry as a
/// value; <see cref="Telemetry.RegistryErrorTypes"/> turns it into the bounded <c>error_type</c> label.</summary>
internal enum SchemaLoadError : byte
{
    None,
    NotFound,
    Timeout,
    Network,
    Unauthorized,
    Server,
    InvalidResponse,
    CircuitOpen,
    Configuration,
    Rejected,
    RedirectRefused,
    InvalidSchema,
    Unknown,
}

internal static class SchemaLoadErrors
{
    public static SchemaLoadError From(RegistryErrorKind kind) => kind switch
    {
        RegistryErrorKind.NotFound => SchemaLoadError.NotFound,
        RegistryErrorKind.Timeout => SchemaLoadError.Timeout,
        RegistryErrorKind.Network => SchemaLoadError.Network,
        RegistryErrorKind.Unauthorized => SchemaLoadError.Unauthorized,
        RegistryErrorKind.Server => SchemaLoadError.Server,
        RegistryErrorKind.InvalidResponse => SchemaLoadError.InvalidResponse,
        RegistryErrorKind.CircuitOpen => SchemaLoadError.CircuitOpen,
        RegistryErrorKind.Configuration => SchemaLoadError.Configuration,
        RegistryErrorKind.Rejected => SchemaLoadError.Rejected,
        RegistryErrorKind.RedirectRefused => SchemaLoadError.RedirectRefused,
        _ => SchemaLoadError.Unknown,
    };

    public static SchemaLoadError From(Exception exception) => exception switch
    {
        RegistryException registry => From(registry.Kind),
        SchemaCompilationException => SchemaLoadError.InvalidSchema,
        TimeoutException or OperationCanceledException => SchemaLoadError.Timeout,
        HttpRequestException or IOException => SchemaLoadError.Network,
        _ => SchemaLoadError.Unknown,
    };

    /// <summary>Whether the error means the registry could not be reached (as opposed to answering "no").</summary>
    public static bool IsUnreachable(this SchemaLoadError error) =>
        error is SchemaLoadError.Timeout or SchemaLoadError.Network or SchemaLoadError.Server or SchemaLoadError.CircuitOpen;
}
