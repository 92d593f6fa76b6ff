using CoreRegistryClient.Caching;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Telemetry;

/// <summary>The bounded values of the <c>error_type</c> label of <c>schema_registry_errors_total</c> (and the
/// <c>status</c> of a registry call that got no response).</summary>
internal static class RegistryErrorTypes
{
    public const string NotFound = "not_found";

    public static string For(RegistryErrorKind kind) => For(SchemaLoadErrors.From(kind));

    public static string For(SchemaLoadError error) => error switch
    {
        SchemaLoadError.NotFound => NotFound,
        SchemaLoadError.Timeout => "timeout",
        SchemaLoadError.Network => "network",
        SchemaLoadError.Unauthorized => "unauthorized",
        SchemaLoadError.Server => "server",
        SchemaLoadError.InvalidResponse => "invalid_response",
        SchemaLoadError.CircuitOpen => "circuit_open",
        SchemaLoadError.Configuration => "configuration",
        SchemaLoadError.Rejected => "rejected",
        SchemaLoadError.RedirectRefused => "redirect_refused",
        SchemaLoadError.InvalidSchema => "invalid_schema",
        _ => "unknown",
    };

    public static string For(Exception exception) => For(SchemaLoadErrors.From(exception));
}
