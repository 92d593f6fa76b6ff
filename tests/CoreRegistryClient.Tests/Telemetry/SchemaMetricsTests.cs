using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;
using CoreRegistryClient.Testing;
using CoreRegistryClient.Tests.TestSupport;

namespace CoreRegistryClient.Tests.Telemetry;

public class SchemaMetricsTests
{
    private static readonly byte[] Valid = TestSchemas.Utf8(TestSchemas.ValidPayload);
    private static readonly byte[] Invalid = TestSchemas.Utf8(TestSchemas.InvalidPayload);

    /// <summary>The names an OpenTelemetry Prometheus exporter gives each instrument: the unit suffix ("s" →
    /// "_seconds"), then "_total" for counters. The operations docs and alert rules use exactly these.</summary>
    private static readonly Dictionary<string, string> PrometheusNames = new()
    {
        ["schema_validation"] = "schema_validation_total",
        ["schema_validation_failures"] = "schema_validation_failures_total",
        ["schema_enforcement_actions"] = "schema_enforcement_actions_total",
        ["schema_cache_hits"] = "schema_cache_hits_total",
        ["schema_cache_misses"] = "schema_cache_misses_total",
        ["schema_cache_size"] = "schema_cache_size",
        ["schema_registry_errors"] = "schema_registry_errors_total",
        ["schema_validation_duration"] = "schema_validation_duration_seconds",
        ["schema_registry_request_duration"] = "schema_registry_request_duration_seconds",
        ["schema_validation_regex_timeouts"] = "schema_validation_regex_timeouts_total",
        ["schema_log_records_suppressed"] = "schema_log_records_suppressed_total",
        ["schema_notifications_received"] = "schema_notifications_received_total",
        ["schema_notifications_applied"] = "schema_notifications_applied_total",
        ["schema_notifications_ignored"] = "schema_notifications_ignored_total",
        ["schema_notification_lag"] = "schema_notification_lag_seconds",
        ["schema_notification_bus_connected"] = "schema_notification_bus_connected",
    };

    [Test]
    public void Instruments_export_under_the_names_the_alert_rules_use()
    {
        using var harness = SchemaManagerHarness.Create();
        using var recorder = new MetricsRecorder(harness.Get<SchemaMetrics>().Meter);
        Assert.Multiple(() =>
        {
            Assert.That(recorder.Instruments.Keys, Is.EquivalentTo(PrometheusNames.Keys));
            foreach (var (name, instrument) in recorder.Instruments)
            {
                Assert.That(ExportedName(instrument), Is.EqualTo(PrometheusNames[name]), name);
            }

            Assert.That(harness.Get<SchemaMetrics>().Meter.Name, Is.EqualTo("CoreRegistryClient"));
        });
    }

    [Test]
    public void Validation_duration_has_bucket_advice_from_one_microsecond_to_ten_milliseconds()
    {
        using var harness = SchemaManagerHarness.Create();
        using var recorder = new MetricsRecorder(harness.Get<SchemaMetrics>().Meter);
        var histogram = (Histogram<double>)recorder.Instruments["schema_validation_duration"];
        var buckets = histogram.Advice!.HistogramBucketBoundaries!;
        Assert.Multiple(() =>
        {
            Assert.That(buckets[0], Is.EqualTo(0.000_001));
            Assert.That(buckets[^1], Is.EqualTo(0.01));
            Assert.That(buckets, Is.Ordered.Ascending);
        });
    }

    [Test]
    public void Known_traffic_produces_the_expected_counts_and_labels()
    {
        var registry = new FakeRegistryClient();
        registry.Put("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        registry.Put("v1", "md.BarBatch", "1.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["SchemaEnforcement:Overrides:md.BarBatch"] = "strict" }, registry);
        using var recorder = new MetricsRecorder(harness.Get<SchemaMetrics>().Meter);

        for (var i = 0; i < 3; i++) harness.Manager.Validate(TestSchemas.Name, Valid);
        for (var i = 0; i < 2; i++) harness.Manager.Validate(TestSchemas.Name, Invalid);
        Assert.Throws<SchemaValidationException>(() => harness.Manager.Validate("md.BarBatch", Invalid));
        Assert.That(harness.Manager.Validate("missing.Schema", Valid).IsValid, Is.False, "an unknown schema is never let through as valid");
        recorder.Collect();

        const string feedback = TestSchemas.Name;
        Assert.Multiple(() =>
        {
            Assert.That(recorder.Sum("schema_validation", ("schema", feedback), ("outcome", "success")), Is.EqualTo(3));
            Assert.That(recorder.Sum("schema_validation", ("schema", feedback), ("outcome", "failure")), Is.EqualTo(2));
            Assert.That(recorder.Sum("schema_validation", ("schema", "md.BarBatch"), ("outcome", "failure")), Is.EqualTo(1));
            Assert.That(recorder.Sum("schema_validation", ("schema", "_other"), ("outcome", "error")), Is.EqualTo(1), "a name the registry does not know has no series of its own");
            Assert.That(recorder.LabelSets("schema_validation").Select(l => l["schema"]), Has.None.EqualTo("missing.Schema"));
            Assert.That(recorder.Sum("schema_validation_failures", ("schema", feedback), ("mode", "warn")), Is.EqualTo(2));
            Assert.That(recorder.Sum("schema_validation_failures", ("schema", "md.BarBatch"), ("mode", "strict")), Is.EqualTo(1));
            Assert.That(recorder.Sum("schema_enforcement_actions", ("schema", feedback), ("severity", "warn"), ("action", "logged")), Is.EqualTo(2));
            Assert.That(recorder.Sum("schema_enforcement_actions", ("schema", "md.BarBatch"), ("severity", "error"), ("action", "rejected")), Is.EqualTo(1));
            Assert.That(recorder.Sum("schema_cache_hits", ("schema", feedback)), Is.EqualTo(4));
            Assert.That(recorder.Sum("schema_cache_misses", ("schema", "_other")), Is.EqualTo(2),
                "first misses count under the overflow label until the registry confirms the name; then hits under its own");
            Assert.That(recorder.Sum("schema_registry_errors", ("schema", "_other"), ("error_type", "not_found")), Is.EqualTo(1));
            Assert.That(recorder.Count("schema_validation_duration", ("schema", feedback)), Is.EqualTo(5));
            Assert.That(recorder.Last("schema_cache_size"), Is.EqualTo(2), "compiled validators; an unknown name is not one");
            Assert.That(recorder.LabelSets("schema_validation").SelectMany(l => l.Keys).Distinct(), Is.EquivalentTo(new[] { "schema", "outcome" }));
            Assert.That(recorder.LabelSets("schema_enforcement_actions").SelectMany(l => l.Keys).Distinct(), Is.EquivalentTo(new[] { "schema", "severity", "action" }));
        });
    }

    [Test]
    public void Off_mode_records_nothing()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "off" });
        using var recorder = new MetricsRecorder(harness.Get<SchemaMetrics>().Meter);
        harness.Manager.Validate(TestSchemas.Name, Invalid);
        Assert.That(recorder.Measurements, Is.Empty);
    }

    [Test]
    public async Task Registry_calls_over_http_record_request_durations_by_operation_and_status()
    {
        await using var server = await LoopbackRegistryServer.StartAsync();
        server.Registry.Add("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.CreateOverHttp(server);
        using var recorder = new MetricsRecorder(harness.Get<SchemaMetrics>().Meter);

        harness.Manager.Validate(TestSchemas.Name, Valid);
        await harness.Poller.PollOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(recorder.Count("schema_registry_request_duration", ("operation", "get_schema"), ("status", "404")), Is.EqualTo(1), "v2 has no copy");
            Assert.That(recorder.Count("schema_registry_request_duration", ("operation", "get_schema"), ("status", "200")), Is.EqualTo(1));
            Assert.That(recorder.Count("schema_registry_request_duration", ("operation", "index"), ("status", "200")), Is.EqualTo(1),
                "the load asks the index where the schema is after the 404");
            Assert.That(recorder.Count("schema_registry_request_duration", ("operation", "index"), ("status", "304")), Is.EqualTo(1),
                "then the poll, conditional on that index's ETag");
            Assert.That(recorder.Sum("schema_registry_errors"), Is.Zero, "a 404 during track negotiation is not an error");
        });
    }

    [Test]
    public void Calls_without_a_response_are_labelled_with_the_error_kind()
    {
        using var harness = SchemaManagerHarness.Create();
        using var recorder = new MetricsRecorder(harness.Get<SchemaMetrics>().Meter);
        new RegistryCallMetrics(harness.Get<SchemaMetrics>()).OnCompleted("index", null, TimeSpan.FromSeconds(2), RegistryErrorKind.Timeout);
        Assert.That(recorder.Count("schema_registry_request_duration", ("operation", "index"), ("status", "timeout")), Is.EqualTo(1));
    }

    private static string ExportedName(Instrument instrument)
    {
        var name = instrument.Name + (instrument.Unit == "s" ? "_seconds" : instrument.Unit is null ? "" : "_" + instrument.Unit);
        var isCounter = instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal);
        return isCounter ? name + "_total" : name;
    }

    /// <summary>Records every measurement of one Meter instance (so parallel providers never mix).</summary>
    private sealed class MetricsRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();

        public MetricsRecorder(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (!ReferenceEquals(instrument.Meter, meter)) return;
                Instruments[instrument.Name] = instrument;
                listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.Start();
        }

        public ConcurrentDictionary<string, Instrument> Instruments { get; } = new();

        public ConcurrentQueue<(string Name, double Value, Dictionary<string, string?> Tags)> Measurements { get; } = new();

        public void Collect() => _listener.RecordObservableInstruments();

        public double Sum(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Sum(m => m.Value);

        public int Count(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Count();

        public double Last(string name) => Measurements.Last(m => m.Name == name).Value;

        public IEnumerable<Dictionary<string, string?>> LabelSets(string name) => Measurements.Where(m => m.Name == name).Select(m => m.Tags);

        public void Dispose() => _listener.Dispose();

        private IEnumerable<(string Name, double Value, Dictionary<string, string?> Tags)> Matching(string name, (string Key, string Value)[] tags) =>
            Measurements.Where(m => m.Name == name && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value));

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = new Dictionary<string, string?>();
            foreach (var tag in tags) labels[tag.Key] = tag.Value?.ToString();
            Measurements.Enqueue((instrument.Name, value, labels));
        }
    }
}
