using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CoreRegistryClient.Drift;

/// <summary>Drift instruments on the library's one Meter (<c>CoreRegistryClient</c>; the factory hands back the
/// same Meter for the same name and version).</summary>
/// <remarks>Named for what an OpenTelemetry Prometheus exporter makes of them (it appends <c>_total</c> to
/// counters and a unit suffix to anything with a unit, so none has a unit):
/// <c>schema_drift</c> → <c>schema_drift_total{repo,track,schema}</c>;
/// <c>schema_drift_last_detected_timestamp</c> (gauge, unix seconds) → the same name{repo,track,schema};
/// <c>schema_drift_events</c> → <c>schema_drift_events_total{outcome=published|failed}</c>.</remarks>
internal sealed class DriftMetrics
{
    public const string MeterName = Telemetry.SchemaMetrics.MeterName;

    private readonly Counter<long> _drift;
    private readonly Gauge<long> _lastDetected;
    private readonly Counter<long> _events;

    public DriftMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(new MeterOptions(MeterName) { Version = typeof(DriftMetrics).Assembly.GetName().Version?.ToString() });
        _drift = meter.CreateCounter<long>("schema_drift", null, "Schemas found drifted from the registry, per drift run.");
        _lastDetected = meter.CreateGauge<long>("schema_drift_last_detected_timestamp", null, "When drift was last detected for the schema (unix seconds).");
        _events = meter.CreateCounter<long>("schema_drift_events", null, "telemetry.schema_drift events published or failed (publishing is fail-open).");
    }

    public void DriftDetected(string repo, string track, string schema, DateTimeOffset at)
    {
        var tags = new TagList { { "repo", repo }, { "track", track }, { "schema", schema } };
        _drift.Add(1, tags);
        _lastDetected.Record(at.ToUnixTimeSeconds(), tags);
    }

    public void EventPublished() => _events.Add(1, new KeyValuePair<string, object?>("outcome", "published"));

    public void EventFailed() => _events.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
}
