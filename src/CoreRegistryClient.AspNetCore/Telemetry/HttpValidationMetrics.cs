using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CoreRegistryClient.AspNetCore.Validation;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CoreRegistryClient.AspNetCore.Telemetry;

/// <summary>The four HTTP validation instruments, on the SDK's meter <c>CoreRegistryClient</c>.</summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>schema_http_validation</c> (counter)</term><description><c>schema_http_validation_total{endpoint,mode,outcome,canary}</c></description></item>
/// <item><term><c>schema_http_validation_errors</c> (counter)</term><description><c>schema_http_validation_errors_total{endpoint,mode,error_count=1|2-5|6-10|11+}</c>: requests that failed, by how many errors</description></item>
/// <item><term><c>schema_http_validation_duration</c> (histogram, s)</term><description><c>schema_http_validation_duration_seconds{endpoint}</c>: the SDK call on the buffered body</description></item>
/// <item><term><c>schema_http_warn_headers</c> (counter)</term><description><c>schema_http_warn_headers_total{endpoint}</c>: warn-mode responses that got the result header</description></item>
/// </list>
/// <c>endpoint</c> is the route template; at most <see cref="MaxEndpoints"/> distinct values, the rest (and
/// endpoints without a route) are <c>(other)</c>. Every other label has a fixed set of values.
/// </remarks>
internal sealed class HttpValidationMetrics
{
    /// <summary>The most distinct <c>endpoint</c> label values.</summary>
    public const int MaxEndpoints = 200;

    public const string OtherEndpoint = "(other)";

    /// <summary>Fine around 50 µs (a cached validation) and 5 ms (the rollout budget), so both p99s can be read.</summary>
    internal static readonly double[] DurationBuckets =
    [
        0.000_005, 0.000_01, 0.000_02, 0.000_03, 0.000_04, 0.000_05, 0.000_06, 0.000_075, 0.000_1, 0.000_15, 0.000_25, 0.000_5,
        0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007_5, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
    ];

    private static readonly KeyValuePair<string, object?> CanaryTrue = new("canary", "true");
    private static readonly KeyValuePair<string, object?> CanaryFalse = new("canary", "false");

    private readonly ConcurrentDictionary<Endpoint, EndpointTelemetry> _endpoints = new();
    private readonly ConcurrentDictionary<string, byte> _labels = new(StringComparer.Ordinal);
    private readonly Counter<long> _validations;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _warnHeaders;

    public HttpValidationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        // The SDK's meter (same name and version: the factory hands back the same Meter).
        var meter = meterFactory.Create(new MeterOptions(SchemaEnforcementInstrumentation.MeterName) { Version = typeof(ISchemaManager).Assembly.GetName().Version?.ToString() });
        _validations = meter.CreateCounter<long>("schema_http_validation", null, "HTTP requests whose body was subject to validation, by endpoint, mode, outcome and canary slice.");
        _errors = meter.CreateCounter<long>("schema_http_validation_errors", null, "HTTP requests whose body failed validation, by endpoint, mode and error-count bucket.");
        _duration = meter.CreateHistogram("schema_http_validation_duration", "s", "Time to validate one buffered HTTP request body, schema lookup included.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _warnHeaders = meter.CreateCounter<long>("schema_http_warn_headers", null, "Warn-mode HTTP responses that carry the Schema-Validation header.");
    }

    public bool MeasuresDuration => _duration.Enabled;

    /// <summary>The prebuilt tags of one endpoint.</summary>
    public EndpointTelemetry For(Endpoint endpoint) => _endpoints.TryGetValue(endpoint, out var telemetry) ? telemetry : _endpoints.GetOrAdd(endpoint, Create);

    public void Validated(EndpointTelemetry endpoint, EnforcementMode mode, HttpValidationResult result, bool canary)
    {
        var tags = new TagList { endpoint.Tag, ModeTag(mode), endpoint.OutcomeTag(result), canary ? CanaryTrue : CanaryFalse };
        _validations.Add(1, in tags);
    }

    public void Failed(EndpointTelemetry endpoint, EnforcementMode mode, int errorCount) =>
        _errors.Add(1, endpoint.Tag, ModeTag(mode), ErrorCountTag(errorCount));

    public void Duration(EndpointTelemetry endpoint, long startTimestamp)
    {
        if (startTimestamp != 0 && _duration.Enabled) _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, endpoint.Tag);
    }

    public void WarnHeader(EndpointTelemetry endpoint) => _warnHeaders.Add(1, endpoint.Tag);

    /// <summary>Exactly four buckets: <c>1</c>, <c>2-5</c>, <c>6-10</c>, <c>11+</c>.</summary>
    internal static string ErrorCountBucket(int errorCount) => errorCount switch
    {
        <= 1 => "1",
        <= 5 => "2-5",
        <= 10 => "6-10",
        _ => "11+",
    };

    private static readonly KeyValuePair<string, object?>[] ErrorCountTags =
        [new("error_count", "1"), new("error_count", "2-5"), new("error_count", "6-10"), new("error_count", "11+")];

    private static KeyValuePair<string, object?> ErrorCountTag(int errorCount) => errorCount switch
    {
        <= 1 => ErrorCountTags[0],
        <= 5 => ErrorCountTags[1],
        <= 10 => ErrorCountTags[2],
        _ => ErrorCountTags[3],
    };

    private static readonly KeyValuePair<string, object?> ModeWarn = new("mode", "warn");
    private static readonly KeyValuePair<string, object?> ModeEnforce = new("mode", "enforce");

    private static KeyValuePair<string, object?> ModeTag(EnforcementMode mode) => mode == EnforcementMode.Strict ? ModeEnforce : ModeWarn;

    private EndpointTelemetry Create(Endpoint endpoint)
    {
        var label = Label(endpoint);
        if (!_labels.ContainsKey(label))
        {
            if (_labels.Count >= MaxEndpoints) label = OtherEndpoint;
            else _labels.TryAdd(label, 0);
        }

        return new EndpointTelemetry(label);
    }

    /// <summary>The route template, never the raw path: <c>/allocations/{id}</c>.</summary>
    private static string Label(Endpoint endpoint)
    {
        if (endpoint is not RouteEndpoint { RoutePattern.RawText: { Length: > 0 } raw }) return OtherEndpoint;
        return raw[0] == '/' ? raw : "/" + raw;
    }
}
