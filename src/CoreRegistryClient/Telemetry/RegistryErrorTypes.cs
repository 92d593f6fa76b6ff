using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Telemetry;

/// <summary>The bounded values of the <c>error_type</c> label of <c>schema_registry_errors_total</c>.</summary>
internal static class RegistryErrorTypes
{
    /// <summary>The registry served a schema that does not compile.</summary>
    public const string InvalidSchema = "invalid_schema";

    /// <summary>The registry answered that the schema does not exist.</summary>
    public const string NotFound = "not_found";

    /// <summary>Anything unexpected.</summary>
    public const string Unknown = "unknown";

    public static string For(RegistryErrorKind kind) => kind switch
    {
        RegistryErrorKind.NotFound => NotFound,
        RegistryErrorKind.Timeout => "timeout",
        RegistryErrorKind.Network => "network",
        RegistryErrorKind.Unauthorized => "unauthorized",
        RegistryErrorKind.Server => "server",
        RegistryErrorKind.InvalidResponse => "invalid_response",
        RegistryErrorKind.CircuitOpen => "circuit_open",
        RegistryErrorKind.Configuration => "configuration",
        RegistryErrorKind.Rejected => "rejected",
        _ => Unknown,
    };

    /// <summary>Whether the error means the registry could not be reached (as opposed to answering "no").</summary>
    public static bool IsUnreachable(string? errorType) => errorType is "timeout" or "network" or "server" or "circuit_open";

    public static string For(Exception exception) => exception switch
    {
        RegistryException registry => For(registry.Kind),
        JsonSchema.InvalidSchemaException => InvalidSchema,
        TimeoutException or TaskCanceledException => "timeout",
        HttpRequestException => "network",
        _ => Unknown,
    };
}
