using System.Diagnostics.Metrics;
using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.Telemetry;

/// <summary>The library's one Meter, <c>CoreRegistryClient</c>, and every instrument on it.</summary>
/// <remarks>
/// Instrument names are chosen for what an OpenTelemetry Prometheus exporter makes of them: it appends
/// <c>_total</c> to counters and the unit's suffix (<c>s</c> → <c>_seconds</c>) to anything with a unit. Hence:
/// <list type="table">
/// <item><term><c>schema_validation</c> (counter)</term><description><c>schema_validation_total{schema,outcome=success|failure|error}</c></description></item>
/// <item><term><c>schema_validation_failures</c> (counter)</term><description><c>schema_validation_failures_total{schema,mode}</c></description></item>
/// <item><term><c>schema_enforcement_actions</c> (counter)</term><description><c>schema_enforcement_actions_total{schema,severity=warn|error,action=logged|rejected}</c></description></item>
/// <item><term><c>schema_cache_hits</c> (counter)</term><description><c>schema_cache_hits_total{schema}</c></description></item>
/// <item><term><c>schema_cache_misses</c> (counter)</term><description><c>schema_cache_misses_total{schema}</c></description></item>
/// <item><term><c>schema_cache_size</c> (observable gauge, no unit)</term><description><c>schema_cache_size</c></description></item>
/// <item><term><c>schema_registry_errors</c> (counter)</term><description><c>schema_registry_errors_total{schema,error_type}</c></description></item>
/// <item><term><c>schema_validation_duration</c> (histogram, unit <c>s</c>)</term><description><c>schema_validation_duration_seconds{schema}</c>, buckets 1 µs to 10 ms</description></item>
/// <item><term><c>schema_registry_request_duration</c> (histogram, unit <c>s</c>)</term><description><c>schema_registry_request_duration_seconds{operation,status}</c></description></item>
/// <item><term><c>schema_validation_regex_timeouts</c> (counter)</term><description><c>schema_validation_regex_timeouts_total{schema}</c></description></item>
/// <item><term><c>schema_log_records_suppressed</c> (counter)</term><description><c>schema_log_records_suppressed_total{event}</c></description></item>
/// <item><term><c>schema_notifications_received</c>, <c>schema_notifications_applied</c> (counters)</term><description><c>schema_notifications_received_total</c>, <c>schema_notifications_applied_total</c></description></item>
/// <item><term><c>schema_notifications_ignored</c> (counter)</term><description><c>schema_notifications_ignored_total{reason}</c></description></item>
/// <item><term><c>schema_notification_lag</c> (histogram, unit <c>s</c>)</term><description><c>schema_notification_lag_seconds</c>, publish to swap</description></item>
/// <item><term><c>schema_notification_bus_connected</c> (observable gauge)</term><description><c>schema_notification_bus_connected</c>, 1 or 0, absent without a bus</description></item>
/// </list>
/// The <c>schema</c> label is bounded: schemas the registry confirmed (a validator is loaded, the index lists them,
/// or they are critical) keep their name; every other name a producer sends collapses into <see cref="OverflowSchema"/>.
/// Counters carry no unit on purpose: a unit such as <c>{validation}</c> is dropped by the exporter anyway,
/// and any other would add a suffix before <c>_total</c>. Outcome <c>error</c> means the payload could not be
/// validated because its schema was unavailable (fail-open or reject); malformed payloads are failures.
/// Tags on the hot path are prebuilt <see cref="KeyValuePair{TKey, TValue}"/>s passed through the
/// allocation-free 1-3 tag overloads.
/// </remarks>
internal sealed class SchemaMetrics
{
    public const string MeterName = SchemaEnforcementInstrumentation.MeterName;

    /// <summary>The <c>schema</c> label of every name the registry has not confirmed (misspelt or unknown names,
    /// names from hostile producers), so they cannot grow the number of series.</summary>
    public const string OverflowSchema = "_other";

    private static readonly KeyValuePair<string, object?> OutcomeSuccess = new("outcome", "success");
    private static readonly KeyValuePair<string, object?> OutcomeFailure = new("outcome", "failure");
    private static readonly KeyValuePair<string, object?> OutcomeError = new("outcome", "error");
    private static readonly KeyValuePair<string, object?> ModeWarn = new("mode", "warn");
    private static readonly KeyValuePair<string, object?> ModeStrict = new("mode", "strict");
    private static readonly KeyValuePair<string, object?> SeverityWarn = new("severity", "warn");
    private static readonly KeyValuePair<string, object?> SeverityError = new("severity", "error");
    private static readonly KeyValuePair<string, object?> ActionLogged = new("action", "logged");
    private static readonly KeyValuePair<string, object?> ActionRejected = new("action", "rejected");

    private static readonly double[] ValidationBuckets =
        [0.000_001, 0.000_002_5, 0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01];

    private static readonly double[] RegistryBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly double[] NotificationLagBuckets = [0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _validations;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _actions;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _registryErrors;
    private readonly Histogram<double> _validationDuration;
    private readonly Histogram<double> _registryRequestDuration;
    private readonly Counter<long> _regexTimeouts;
    private readonly Counter<long> _suppressedLogs;
    private readonly Counter<long> _notificationsReceived;
    private readonly Counter<long> _notificationsApplied;
    private readonly Counter<long> _notificationsIgnored;
    private readonly Histogram<double> _notificationLag;
    private Func<int>? _cacheSize;
    private int _busConnected = -1;

    public SchemaMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(new MeterOptions(MeterName) { Version = typeof(SchemaMetrics).Assembly.GetName().Version?.ToString() });
        _validations = Meter.CreateCounter<long>("schema_validation", null, "Payloads validated, by outcome (success, failure, error = schema unavailable).");
        _failures = Meter.CreateCounter<long>("schema_validation_failures", null, "Payloads that did not match their schema, by enforcement mode.");
        _actions = Meter.CreateCounter<long>("schema_enforcement_actions", null, "Enforcement actions taken on failed payloads: warn/logged or error/rejected.");
        _cacheHits = Meter.CreateCounter<long>("schema_cache_hits", null, "Validations served by a cached compiled schema.");
        _cacheMisses = Meter.CreateCounter<long>("schema_cache_misses", null, "Validations that found no cached compiled schema.");
        _registryErrors = Meter.CreateCounter<long>("schema_registry_errors", null, "Failed registry fetches, by schema and error type.");
        Meter.CreateObservableGauge("schema_cache_size", () => _cacheSize?.Invoke() ?? 0, null, "Compiled schemas currently cached.");
        _validationDuration = Meter.CreateHistogram("schema_validation_duration", "s", "Time to validate one payload, cache lookup included.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ValidationBuckets });
        _registryRequestDuration = Meter.CreateHistogram("schema_registry_request_duration", "s", "Duration of registry HTTP requests, by operation and status.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RegistryBuckets });
        _regexTimeouts = Meter.CreateCounter<long>("schema_validation_regex_timeouts", null, "Validations that ran out of their regular-expression time budget (a costly pattern).");
        _suppressedLogs = Meter.CreateCounter<long>("schema_log_records_suppressed", null, "Log records dropped by flood control, by event name.");
        _notificationsReceived = Meter.CreateCounter<long>("schema_notifications_received", null, "schema.published notifications received from the bus.");
        _notificationsApplied = Meter.CreateCounter<long>("schema_notifications_applied", null, "schema.published notifications that swapped in the published schema.");
        _notificationsIgnored = Meter.CreateCounter<long>("schema_notifications_ignored", null,
            "schema.published notifications that changed nothing, by reason (stale, unknown_schema, other_track, refresh_failed, malformed).");
        _notificationLag = Meter.CreateHistogram("schema_notification_lag", "s", "Time from a schema.published event's ts to the swap it caused.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = NotificationLagBuckets });
        Meter.CreateObservableGauge("schema_notification_bus_connected", ObserveBusConnected, null,
            "Whether the schema notification bus is connected (1) or not (0); absent when no bus is configured.");
    }

    public Meter Meter { get; }

    /// <summary>Whether <c>schema_validation_duration</c> has a listener (so timing a validation is worth it).</summary>
    public bool MeasuresDuration => _validationDuration.Enabled;

    /// <summary>Where <c>schema_cache_size</c> reads the cache size (set once by the cache).</summary>
    public void ObserveCacheSize(Func<int> size) => _cacheSize = size;

    public static KeyValuePair<string, object?> SchemaTag(string schemaName) => new("schema", schemaName);

    public void CacheHit(in KeyValuePair<string, object?> schema) => _cacheHits.Add(1, schema);

    public void CacheMiss(in KeyValuePair<string, object?> schema) => _cacheMisses.Add(1, schema);

    public void Succeeded(in KeyValuePair<string, object?> schema, long startTimestamp, TimeProvider time)
    {
        _validations.Add(1, schema, OutcomeSuccess);
        RecordDuration(schema, startTimestamp, time);
    }

    public void Failed(in KeyValuePair<string, object?> schema, EnforcementMode mode, long startTimestamp, TimeProvider time)
    {
        _validations.Add(1, schema, OutcomeFailure);
        _failures.Add(1, schema, mode == EnforcementMode.Strict ? ModeStrict : ModeWarn);
        RecordDuration(schema, startTimestamp, time);
    }

    /// <summary>The payload could not be validated: its schema is unavailable.</summary>
    public void Errored(in KeyValuePair<string, object?> schema) => _validations.Add(1, schema, OutcomeError);

    /// <summary>A failed payload was reported (warn) or rejected (strict).</summary>
    public void Enforced(in KeyValuePair<string, object?> schema, EnforcementMode mode)
    {
        if (mode == EnforcementMode.Strict) _actions.Add(1, schema, SeverityError, ActionRejected);
        else _actions.Add(1, schema, SeverityWarn, ActionLogged);
    }

    public void RegistryError(in KeyValuePair<string, object?> schema, string errorType) =>
        _registryErrors.Add(1, schema, new KeyValuePair<string, object?>("error_type", errorType));

    public void RegexTimedOut(in KeyValuePair<string, object?> schema) => _regexTimeouts.Add(1, schema);

    public void NotificationReceived() => _notificationsReceived.Add(1);

    public void NotificationApplied(TimeSpan? lag)
    {
        _notificationsApplied.Add(1);
        if (lag is { } value) _notificationLag.Record(Math.Max(0, value.TotalSeconds));
    }

    /// <summary>A notification that changed nothing; <paramref name="reason"/> is one of the fixed reason values.</summary>
    public void NotificationIgnored(string reason) => _notificationsIgnored.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void BusConnectionChanged(bool connected) => Volatile.Write(ref _busConnected, connected ? 1 : 0);

    private IEnumerable<Measurement<int>> ObserveBusConnected() =>
        Volatile.Read(ref _busConnected) is var state and >= 0 ? [new Measurement<int>(state)] : [];

    public void LogRecordsSuppressed(string eventName) => _suppressedLogs.Add(1, new KeyValuePair<string, object?>("event", eventName));

    public void RegistryRequest(string operation, string status, TimeSpan duration) =>
        _registryRequestDuration.Record(duration.TotalSeconds, new("operation", operation), new("status", status));

    private void RecordDuration(in KeyValuePair<string, object?> schema, long startTimestamp, TimeProvider time)
    {
        // A start of 0 means the listener appeared mid-validation: that one measurement is skipped.
        if (startTimestamp != 0 && _validationDuration.Enabled)
        {
            _validationDuration.Record(time.GetElapsedTime(startTimestamp).TotalSeconds, schema);
        }
    }
}
