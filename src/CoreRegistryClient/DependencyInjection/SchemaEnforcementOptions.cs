using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.DependencyInjection;

/// <summary>Options of the schema registry client and enforcement, bound from the <c>SchemaEnforcement</c>
/// configuration section and the <c>REGISTRY_*</c>/<c>SCHEMA_*</c> environment variables.</summary>
public sealed class SchemaEnforcementOptions
{
    /// <summary>The configuration section bound by <c>AddSchemaEnforcement(IConfiguration)</c>.</summary>
    public const string SectionName = "SchemaEnforcement";

    /// <summary>Whether registry access and validation are on at all (<c>REGISTRY_ENABLED</c>). Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The registry base URL, which may carry a path prefix such as <c>/api/v1</c> (<c>REGISTRY_URL</c>). Required when enabled.</summary>
    public string? RegistryUrl { get; set; }

    /// <summary>Bearer token for the registry (<c>REGISTRY_TOKEN</c>); only sent when set, never logged. Default: none.</summary>
    public string? Token { get; set; }

    /// <summary>The default track for schema lookups (<c>REGISTRY_TRACK</c>). Default: none (track negotiation decides).</summary>
    public string? Track { get; set; }

    /// <summary>How long a compiled validator is fresh (<c>REGISTRY_CACHE_TTL</c>, seconds). Default: 300 s.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Total time budget of one registry call including retries (<c>REGISTRY_TIMEOUT</c>, seconds). Default: 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The track tried first (<c>SCHEMA_PREFER_TRACK</c>). Default: <c>v2</c>.</summary>
    public string PreferTrack { get; set; } = "v2";

    /// <summary>The track used when the preferred one lacks the schema or deprecates it (<c>SCHEMA_FALLBACK_TRACK</c>). Default: <c>v1</c>.</summary>
    public string FallbackTrack { get; set; } = "v1";

    /// <summary>The enforcement mode (<c>REGISTRY_ENFORCEMENT</c>: off, warn, strict or enforce). Default: warn.</summary>
    public EnforcementMode Mode { get; set; } = EnforcementMode.Warn;

    /// <summary>How often the index is polled for changed schemas (<c>REGISTRY_POLL_SECONDS</c>). Default: 60 s. Zero disables polling.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Per-schema mode overrides, keyed by schema name. Default: none.</summary>
    public IDictionary<string, EnforcementMode> Overrides { get; } = new Dictionary<string, EnforcementMode>(StringComparer.Ordinal);

    /// <summary>Canary: the percentage (0-100) of messages, chosen deterministically by key, validated in strict mode while the rest use <see cref="Mode"/>. Default: 0 (off).</summary>
    public double CanaryStrictPercent { get; set; }

    /// <summary>What to do with a payload whose schema was never seen while the registry is down. Default: <see cref="UnavailableSchemaBehavior.Allow"/>.</summary>
    public UnavailableSchemaBehavior OnUnavailable { get; set; } = UnavailableSchemaBehavior.Allow;

    /// <summary>Directory where every good schema is snapshotted, and read back at start-up when the registry is unreachable. Default: none.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>The most compiled validators kept (least recently used evicted first). Default: 1000.</summary>
    public int MaxCachedSchemas { get; set; } = 1000;

    /// <summary>Schemas fetched and compiled at start-up. Default: none.</summary>
    public IList<string> CriticalSchemas { get; } = new List<string>();

    /// <summary>Whether <c>format</c> keywords are asserted. Default: false (annotation only, as the specification says).</summary>
    public bool FormatAssertion { get; set; }
}
