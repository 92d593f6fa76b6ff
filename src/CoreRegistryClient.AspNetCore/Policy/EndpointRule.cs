using CoreRegistryClient.AspNetCore.Responses;
using CoreRegistryClient.AspNetCore.Telemetry;
using CoreRegistryClient.AspNetCore.Validation;
using CoreRegistryClient.Enforcement;
using Microsoft.AspNetCore.Http;

namespace CoreRegistryClient.AspNetCore.Policy;

/// <summary>How one endpoint validates under one policy snapshot.</summary>
internal sealed class EndpointRule(IValidateSchemaMetadata metadata, string schemaName, EnforcementMode mode, double canaryPercent,
    string? canaryKeyHeader, long maxBodySize, EndpointTelemetry telemetry)
{
    public IValidateSchemaMetadata Metadata { get; } = metadata;

    public string SchemaName { get; } = schemaName;

    /// <summary>The endpoint's mode before the canary (already capped by <c>MaxMode</c>).</summary>
    public EnforcementMode Mode { get; } = mode;

    /// <summary>The share of <c>warn</c> requests validated in <c>enforce</c> (0 when the mode is not warn or is capped).</summary>
    public double CanaryPercent { get; } = canaryPercent;

    public long MaxBodySize { get; } = maxBodySize;

    public EndpointTelemetry Telemetry { get; } = telemetry;

    /// <summary>This request's mode, and whether the canary made it stricter: by the key header's value when the
    /// request has one (the same client always lands the same way), else at random.</summary>
    public (EnforcementMode Mode, bool Canary) ModeFor(HttpRequest request)
    {
        if (CanaryPercent <= 0) return (Mode, false);
        var key = canaryKeyHeader is null ? null : request.Headers[canaryKeyHeader].ToString();
        var inSlice = string.IsNullOrEmpty(key) ? Random.Shared.NextDouble() * 100 < CanaryPercent : CanarySlice.Contains(key, CanaryPercent);
        return inSlice ? (EnforcementMode.Strict, true) : (Mode, false);
    }

    // One slot per canary side: a canary share makes requests alternate between the two.
    private volatile ValidResponse? _valid;
    private volatile ValidResponse? _validCanary;

    /// <summary>The <c>Schema-Validation</c> value and the request feature of a valid request: the same for every
    /// request validated by the same compiled schema in the same mode, so they are built once, not per request.</summary>
    public ValidResponse Valid(in SchemaValidationOutcome outcome, EnforcementMode mode, bool canary)
    {
        var cached = canary ? _validCanary : _valid;
        if (cached is not null && cached.Matches(outcome, mode, canary)) return cached;
        var value = ValidationHeaders.Describe(HttpValidationResult.Valid, SchemaName, outcome, mode, canary, 0);
        var built = new ValidResponse(value, new SchemaValidationFeature(mode, canary, outcome));
        if (canary) _validCanary = built;
        else _valid = built;
        return built;
    }

    private volatile CachedDeprecation? _deprecation;

    /// <summary>The deprecation headers of the schema version in use, built once (not per request) until the
    /// version or its note changes.</summary>
    public DeprecationHeaders DeprecationHeaders(in SchemaValidationOutcome outcome, HttpPolicySnapshot policy, DeprecationDates dates)
    {
        var cached = _deprecation;
        if (cached is not null && ReferenceEquals(cached.Version, outcome.Version) && ReferenceEquals(cached.Track, outcome.NegotiatedTrack)
            && ReferenceEquals(cached.Note, outcome.DeprecationNote))
        {
            return cached.Headers;
        }

        var headers = ValidationHeaders.DeprecationValues(outcome, policy.DeprecationOf(SchemaName), dates.FirstSeen(SchemaName, outcome.NegotiatedTrack, outcome.Version));
        _deprecation = new CachedDeprecation(outcome.Version, outcome.NegotiatedTrack, outcome.DeprecationNote, headers);
        return headers;
    }

    private sealed record CachedDeprecation(string? Version, string? Track, string? Note, DeprecationHeaders Headers);
}
