using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.AspNetCore;

/// <summary>One endpoint's settings (<c>SchemaEnforcement:Http:Endpoints:{name or pattern}:…</c>); unset values
/// fall back to <see cref="HttpValidationOptions"/>.</summary>
public sealed class HttpEndpointValidationOptions
{
    /// <summary>The endpoint's mode: <c>off</c>, <c>warn</c> or <c>enforce</c>. Default: the global mode.</summary>
    public EnforcementMode? Mode { get; set; }

    /// <summary>The endpoint's canary share (0-100 %). Default: the global share.</summary>
    public double? CanaryPercent { get; set; }

    /// <summary>The endpoint's body limit in bytes. Default: the global limit.</summary>
    public long? MaxBodySize { get; set; }
}
