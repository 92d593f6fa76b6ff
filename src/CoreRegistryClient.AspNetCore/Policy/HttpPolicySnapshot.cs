using System.Collections.Concurrent;
using System.Globalization;
using CoreRegistryClient.AspNetCore.Telemetry;
using CoreRegistryClient.Enforcement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CoreRegistryClient.AspNetCore.Policy;

/// <summary>An immutable view of the HTTP and SDK options, rebuilt on reload; each endpoint's rule is resolved
/// once per snapshot, so the hot path reads one reference and one dictionary entry.</summary>
internal sealed class HttpPolicySnapshot
{
    private readonly ConcurrentDictionary<Endpoint, EndpointRule> _rules = new();
    private readonly HttpValidationOptions _options;
    private readonly HttpValidationMetrics _metrics;
    private readonly Dictionary<string, HttpEndpointValidationOptions> _byPattern = new(StringComparer.OrdinalIgnoreCase);

    public HttpPolicySnapshot(HttpValidationOptions options, SchemaEnforcementOptions sdk, HttpValidationMetrics metrics)
    {
        _options = options;
        _metrics = metrics;
        Enabled = sdk.Enabled;
        DefaultMode = options.Mode ?? sdk.Mode;
        MaxMode = options.MaxMode;
        CanaryPercent = options.CanaryPercent ?? sdk.CanaryStrictPercent;
        CanaryKeyHeader = options.CanaryKeyHeader;
        MaxErrors = options.MaxErrors;
        OnUnavailable = sdk.OnUnavailable;
        foreach (var (key, settings) in options.Endpoints) _byPattern[key.Trim('/')] = settings;
    }

    /// <summary>The SDK's <c>Enabled</c>: when false no endpoint validates.</summary>
    public bool Enabled { get; }

    public EnforcementMode DefaultMode { get; }

    public EnforcementMode MaxMode { get; }

    public double CanaryPercent { get; }

    public string? CanaryKeyHeader { get; }

    public int MaxErrors { get; }

    public UnavailableSchemaBehavior OnUnavailable { get; }

    public SchemaDeprecationOptions? DeprecationOf(string schemaName) => _options.Deprecations.TryGetValue(schemaName, out var d) ? d : null;

    /// <summary>The rule of one endpoint: its own settings (by name, then by route pattern) over the defaults.</summary>
    public EndpointRule For(Endpoint endpoint, IValidateSchemaMetadata metadata) =>
        _rules.TryGetValue(endpoint, out var rule) && ReferenceEquals(rule.Metadata, metadata) ? rule : _rules[endpoint] = Create(endpoint, metadata);

    public bool DescribesSameModes(HttpPolicySnapshot other) =>
        Enabled == other.Enabled && DefaultMode == other.DefaultMode && MaxMode == other.MaxMode && CanaryPercent.Equals(other.CanaryPercent)
        && _options.Endpoints.Count == other._options.Endpoints.Count
        && _options.Endpoints.All(e => other._options.Endpoints.TryGetValue(e.Key, out var o) && o.Mode == e.Value.Mode && o.CanaryPercent == e.Value.CanaryPercent);

    public string Describe()
    {
        var endpoints = string.Join(", ", _options.Endpoints.Where(e => e.Value.Mode is not null)
            .Select(e => $"{e.Key}={EnforcementModeText.Name(e.Value.Mode!.Value)}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"enabled={Enabled}, default={EnforcementModeText.Name(DefaultMode)}, max={EnforcementModeText.Name(MaxMode)}, canary={CanaryPercent}%, endpoints=[{endpoints}]");
    }

    private EndpointRule Create(Endpoint endpoint, IValidateSchemaMetadata metadata)
    {
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        var settings = (name is not null && _options.Endpoints.TryGetValue(name, out var byName) ? byName : null)
            ?? (pattern is not null ? Lookup(pattern) : null);
        var mode = Enabled ? settings?.Mode ?? DefaultMode : EnforcementMode.Off;
        var canary = mode == EnforcementMode.Warn && MaxMode == EnforcementMode.Strict ? settings?.CanaryPercent ?? CanaryPercent : 0;
        if (mode > MaxMode) mode = MaxMode;
        return new EndpointRule(metadata, metadata.SchemaName, mode, canary, CanaryKeyHeader, settings?.MaxBodySize ?? _options.MaxBodySize,
            _metrics.For(endpoint));
    }

    /// <summary>The settings for a route pattern, however its key is written (leading or trailing slashes, case).</summary>
    private HttpEndpointValidationOptions? Lookup(string pattern) =>
        _byPattern.TryGetValue(pattern.Trim('/'), out var settings) ? settings : null;
}
