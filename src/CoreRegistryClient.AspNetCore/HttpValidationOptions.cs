using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.AspNetCore;

/// <summary>Options of HTTP request validation, bound from the <c>SchemaEnforcement:Http</c> configuration section
/// (reloadable) and from code (<c>AddHttpValidation(o => ...)</c>). Everything not set here comes from the SDK's
/// <c>SchemaEnforcementOptions</c>.</summary>
public sealed class HttpValidationOptions
{
    /// <summary>The configuration section read by <c>AddHttpValidation</c>.</summary>
    public const string SectionName = "SchemaEnforcement:Http";

    /// <summary>The default mode of validating endpoints (<c>off</c>, <c>warn</c>, <c>enforce</c>; <c>strict</c> is
    /// another name for <c>enforce</c>). Default: null, meaning the SDK's <c>Mode</c> (<c>REGISTRY_ENFORCEMENT</c>).</summary>
    public EnforcementMode? Mode { get; set; }

    /// <summary>The strictest mode any endpoint may run in, canary included: the one-switch rollback
    /// (<c>warn</c> stops every rejection at once while validation, headers and metrics go on; <c>off</c> stops
    /// validation). Default: <c>enforce</c> (no cap).</summary>
    public EnforcementMode MaxMode { get; set; } = EnforcementMode.Strict;

    /// <summary>The share (0-100 %) of requests to <c>warn</c> endpoints validated in <c>enforce</c> mode instead.
    /// Default: null, meaning the SDK's <c>CanaryStrictPercent</c>.</summary>
    public double? CanaryPercent { get; set; }

    /// <summary>The request header whose value (a client id, say) decides canary membership, so a client is in or
    /// out of the slice on every request and every replica. Requests without it are chosen at random. Default:
    /// none (every request chosen at random).</summary>
    public string? CanaryKeyHeader { get; set; }

    /// <summary>The largest body validated, in bytes: a larger one gets 413 in <c>enforce</c> (before it is read
    /// whole) and passes unvalidated in <c>warn</c>. Default: 1 MiB.</summary>
    public long MaxBodySize { get; set; } = 1024 * 1024;

    /// <summary>The most errors listed in a 422 problem (its <c>errorCount</c> always tells how many there were). Default: 50.</summary>
    public int MaxErrors { get; set; } = 50;

    /// <summary>Per-endpoint settings, keyed by endpoint name (<c>WithName</c>) or route pattern (<c>/allocations</c>;
    /// case-insensitive). A name wins over a pattern.</summary>
    public IDictionary<string, HttpEndpointValidationOptions> Endpoints { get; } =
        new Dictionary<string, HttpEndpointValidationOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Dates and links for schemas the registry marks deprecated, keyed by schema name. The registry
    /// publishes a flag and a note only; these fill in the <c>Deprecation</c> date, <c>Sunset</c> and <c>Link</c> headers.</summary>
    public IDictionary<string, SchemaDeprecationOptions> Deprecations { get; } =
        new Dictionary<string, SchemaDeprecationOptions>(StringComparer.Ordinal);

    /// <summary>Values that could not be parsed from configuration, each a complete message naming the key.</summary>
    internal List<string> ConfigurationErrors { get; } = [];
}
