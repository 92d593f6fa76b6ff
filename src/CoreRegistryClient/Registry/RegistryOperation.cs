namespace CoreRegistryClient.Registry;

/// <summary>The bounded set of registry call names used in logs, traces and the
/// <c>operation</c> label of <c>schema_registry_request_duration_seconds</c>.</summary>
internal static class RegistryOperation
{
    public const string Health = "health";
    public const string Index = "index";
    public const string GetSchema = "get_schema";
    public const string GetSchemaById = "get_schema_by_id";
    public const string GetVersions = "get_versions";
    public const string CheckCompatibility = "check_compatibility";
    public const string PublishSchema = "publish_schema";
    public const string Sync = "sync";
    public const string PostTelemetry = "post_telemetry";
}
