namespace CoreRegistryClient.DependencyInjection;

/// <summary>The root configuration keys (usually environment variables) operators already use.</summary>
internal static class EnvironmentVariableNames
{
    public const string Enabled = "REGISTRY_ENABLED";
    public const string Url = "REGISTRY_URL";
    public const string Token = "REGISTRY_TOKEN";
    public const string Track = "REGISTRY_TRACK";
    public const string CacheTtl = "REGISTRY_CACHE_TTL";
    public const string Timeout = "REGISTRY_TIMEOUT";
    public const string PreferTrack = "SCHEMA_PREFER_TRACK";
    public const string FallbackTrack = "SCHEMA_FALLBACK_TRACK";
    public const string Enforcement = "REGISTRY_ENFORCEMENT";
    public const string PollSeconds = "REGISTRY_POLL_SECONDS";
}
