using System.Globalization;
using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient;

/// <summary>Options of the schema registry client and enforcement, bound from the <c>SchemaEnforcement</c>
/// configuration section and the <c>REGISTRY_*</c>/<c>SCHEMA_*</c> environment variables.</summary>
/// <remarks>When both are present, the environment variable (a root configuration key) wins over the section:
/// operators flip <c>REGISTRY_ENFORCEMENT=warn</c> as the documented rollback.</remarks>
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

    /// <summary>Pins every schema lookup to one track, with no fallback (<c>REGISTRY_TRACK</c>). Default: none
    /// (track negotiation between <see cref="PreferTrack"/> and <see cref="FallbackTrack"/> decides).</summary>
    public string? Track { get; set; }

    /// <summary>How long a compiled validator is fresh (<c>REGISTRY_CACHE_TTL</c>, seconds). Default: 300 s. Range: more than 0, at most 24 h.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The time budget of one registry call including retries (<c>REGISTRY_TIMEOUT</c>, seconds), and of one
    /// schema load (every call it makes): also the longest a first, uncached <c>Validate</c> call waits. Default: 30 s.
    /// Range: more than 0, at most 300 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The track tried first (<c>SCHEMA_PREFER_TRACK</c>). Default: <c>v2</c>.</summary>
    public string PreferTrack { get; set; } = "v2";

    /// <summary>The track used when the preferred one lacks the schema or deprecates it (<c>SCHEMA_FALLBACK_TRACK</c>). Default: <c>v1</c>.</summary>
    public string FallbackTrack { get; set; } = "v1";

    /// <summary>The enforcement mode (<c>REGISTRY_ENFORCEMENT</c>: off, warn, strict or enforce). Default: warn.</summary>
    public EnforcementMode Mode { get; set; } = EnforcementMode.Warn;

    /// <summary>How often the index is polled for changed schemas (<c>REGISTRY_POLL_SECONDS</c>). Default: 60 s. Zero disables polling.
    /// Range: 0, or more than 0 and at most 24 h.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Per-schema mode overrides, keyed by schema name (with or without the <c>.schema</c> suffix). Default: none.</summary>
    public IDictionary<string, EnforcementMode> Overrides { get; } = new Dictionary<string, EnforcementMode>(StringComparer.Ordinal);

    /// <summary>Canary: the percentage (0-100, range inclusive) of messages, chosen deterministically by key, validated in strict
    /// mode while the rest stay in warn mode. Applies only where the mode is <see cref="EnforcementMode.Warn"/>
    /// and a key is given. Default: 0 (off).</summary>
    public double CanaryStrictPercent { get; set; }

    /// <summary>What to do with a payload whose schema was never seen while the registry is down. Default: <see cref="UnavailableSchemaBehavior.Allow"/>.</summary>
    public UnavailableSchemaBehavior OnUnavailable { get; set; } = UnavailableSchemaBehavior.Allow;

    /// <summary>How long after a failed registry fetch of a schema the next background attempt waits. Meanwhile
    /// the last good validator keeps serving, or <see cref="OnUnavailable"/> applies, without blocking. Default: 10 s.
    /// Range: more than 0, at most 1 h.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the registry's "no such schema" (404) for a name is remembered: meanwhile that name is
    /// answered <c>SchemaNotFound</c> without a registry request, so a flood of unknown names costs one request per
    /// name per period. Default: 30 s. Range: more than 0, at most 1 h.</summary>
    public TimeSpan NotFoundTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The start-up budget: how long host start-up waits for the critical schemas (and, with a
    /// <see cref="CacheDirectory"/>, for the registry) before it carries on, seeding the snapshot if the registry did
    /// not answer. Loads still running go on in the background. Default: 5 s. Range: more than 0, at most 300 s.</summary>
    public TimeSpan PreloadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether a registry response redirecting to another origin (scheme, host or port) is followed.
    /// Same-origin redirects are always followed; the token is never sent to another origin. Default: false (a
    /// cross-origin redirect fails the call as <see cref="Registry.RegistryErrorKind.RedirectRefused"/>).</summary>
    public bool AllowCrossOriginRedirects { get; set; }

    /// <summary>Directory where every good schema is snapshotted, and read back at start-up when the registry is unreachable. Default: none.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>The most compiled validators kept (least recently used evicted first). Names the registry does not know
    /// never count against it. Default: 1000. Range: 1 to 100,000.</summary>
    public int MaxCachedSchemas { get; set; } = 1000;

    /// <summary>Schemas fetched and compiled at start-up. Default: none.</summary>
    public IList<string> CriticalSchemas { get; } = new List<string>();

    /// <summary>Whether <c>format</c> keywords are asserted. Default: false (annotation only, as the specification says).</summary>
    public bool FormatAssertion { get; set; }

    /// <summary>Values that could not be parsed from configuration, each a complete message naming the setting;
    /// reported by the options validator so start-up fails with all of them at once.</summary>
    internal List<string> ConfigurationErrors { get; } = [];

    /// <summary>A description for diagnostics; the token is redacted.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Enabled={Enabled}, RegistryUrl={RedactedUrl(RegistryUrl)}, Token={(Token is null ? "(none)" : "***")}, Track={Track}, " +
        $"PreferTrack={PreferTrack}, FallbackTrack={FallbackTrack}, Mode={Mode}, CacheTtl={CacheTtl}, Timeout={Timeout}, " +
        $"PollInterval={PollInterval}, RetryInterval={RetryInterval}, NotFoundTtl={NotFoundTtl}, PreloadTimeout={PreloadTimeout}, " +
        $"OnUnavailable={OnUnavailable}, MaxCachedSchemas={MaxCachedSchemas}, AllowCrossOriginRedirects={AllowCrossOriginRedirects}");

    /// <summary>The URL without any user-info part (which could hold credentials).</summary>
    internal static string? RedactedUrl(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0)
        {
            return url is null || Uri.IsWellFormedUriString(url, UriKind.Absolute) ? url : "(invalid URL)";
        }

        return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString();
    }
}
