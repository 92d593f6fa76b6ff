using System.Diagnostics.Metrics;
using CoreRegistryClient.Samples.Metrics;

namespace CoreRegistryClient.Samples.Tests.Metrics;

/// <summary>Exact Prometheus text for each instrument kind, from a real MeterProvider.</summary>
public class PrometheusTextRenderingTests
{
    private MetricsHarness _metrics = null!;

    [SetUp]
    public void CreateHarness() => _metrics = new MetricsHarness();

    [TearDown]
    public void DisposeHarness() => _metrics.Dispose();

    [Test]
    public void Counter_gets_total_suffix_help_type_and_one_series_per_label_set()
    {
        var counter = _metrics.Meter.CreateCounter<long>("schema.validation", "{validation}", "Payloads validated, by outcome.");
        counter.Add(3, new("schema", "telemetry.FeedbackEvent"), new("outcome", "success"));
        counter.Add(1, new("schema", "telemetry.FeedbackEvent"), new("outcome", "failure"));
        counter.Add(2, new("outcome", "success"), new("schema", "telemetry.FeedbackEvent"));

        Assert.That(_metrics.Scrape(), Is.EqualTo(
            """
            # HELP schema_validation_total Payloads validated, by outcome.
            # TYPE schema_validation_total counter
            schema_validation_total{outcome="success",schema="telemetry.FeedbackEvent"} 5
            schema_validation_total{outcome="failure",schema="telemetry.FeedbackEvent"} 1

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Counter_already_named_total_is_not_doubled_and_unit_one_adds_nothing()
    {
        _metrics.Meter.CreateCounter<long>("schema_cache_hits_total", "1", "Cache hits.").Add(7, new KeyValuePair<string, object?>("schema", "a"));
        Assert.That(_metrics.Scrape(), Does.Contain("# TYPE schema_cache_hits_total counter\nschema_cache_hits_total{schema=\"a\"} 7\n"));
    }

    [Test]
    public void Double_counter_with_seconds_unit_puts_the_unit_before_total()
    {
        _metrics.Meter.CreateCounter<double>("gc.pause", "s", "Time paused.").Add(1.5);
        Assert.That(_metrics.Scrape(), Is.EqualTo("# HELP gc_pause_seconds_total Time paused.\n# TYPE gc_pause_seconds_total counter\ngc_pause_seconds_total 1.5\n"));
    }

    [Test]
    public void Histogram_has_cumulative_buckets_ending_in_inf_then_sum_and_count()
    {
        var histogram = _metrics.Meter.CreateHistogram<double>(
            "schema_validation_duration_seconds",
            "s",
            "Validation time.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.125, 0.5, 1] });
        foreach (var value in new[] { 0.125, 0.25, 0.5, 2 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("schema", "a"));
        }

        Assert.That(_metrics.Scrape(), Is.EqualTo(
            """
            # HELP schema_validation_duration_seconds Validation time.
            # TYPE schema_validation_duration_seconds histogram
            schema_validation_duration_seconds_bucket{schema="a",le="0.125"} 1
            schema_validation_duration_seconds_bucket{schema="a",le="0.5"} 3
            schema_validation_duration_seconds_bucket{schema="a",le="1"} 3
            schema_validation_duration_seconds_bucket{schema="a",le="+Inf"} 4
            schema_validation_duration_seconds_sum{schema="a"} 2.875
            schema_validation_duration_seconds_count{schema="a"} 4

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Histogram_without_labels_and_tiny_bounds_renders_le_as_a_float()
    {
        var histogram = _metrics.Meter.CreateHistogram<double>("tiny", "s", "t", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1e-6] });
        histogram.Record(5e-7);
        Assert.That(_metrics.Scrape(), Does.Contain("tiny_seconds_bucket{le=\"1e-06\"} 1\ntiny_seconds_bucket{le=\"+Inf\"} 1\n"));
    }

    [Test]
    public void Gauges_and_up_down_counters_render_as_gauges_with_unit_suffixes()
    {
        _metrics.Meter.CreateObservableGauge("process.memory", () => new Measurement<long>(1536, new KeyValuePair<string, object?>("kind", "heap")), "By", "Memory in use.");
        _metrics.Meter.CreateGauge<double>("pipeline_rate_scale_factor", null, "Ingest rate multiplier.").Record(0.5, new KeyValuePair<string, object?>("provider", "binance"));
        var depth = _metrics.Meter.CreateUpDownCounter<long>("pipeline.feedback.queue.depth", "{message}", "Queue depth.");
        depth.Add(10, new KeyValuePair<string, object?>("source", "store"));
        depth.Add(-3, new KeyValuePair<string, object?>("source", "store"));

        Assert.That(_metrics.Scrape(), Is.EqualTo(
            """
            # HELP process_memory_bytes Memory in use.
            # TYPE process_memory_bytes gauge
            process_memory_bytes{kind="heap"} 1536
            # HELP pipeline_rate_scale_factor Ingest rate multiplier.
            # TYPE pipeline_rate_scale_factor gauge
            pipeline_rate_scale_factor{provider="binance"} 0.5
            # HELP pipeline_feedback_queue_depth Queue depth.
            # TYPE pipeline_feedback_queue_depth gauge
            pipeline_feedback_queue_depth{source="store"} 7

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Label_values_and_help_text_are_escaped()
    {
        _metrics.Meter.CreateCounter<long>("escapes", null, "first line\nback\\slash \"quoted\"")
            .Add(1, new KeyValuePair<string, object?>("reason", "a\\b \"c\"\nd"));
        Assert.That(_metrics.Scrape(), Is.EqualTo(
            "# HELP escapes_total first line\\nback\\\\slash \"quoted\"\n" +
            "# TYPE escapes_total counter\n" +
            "escapes_total{reason=\"a\\\\b \\\"c\\\"\\nd\"} 1\n"));
    }

    [Test]
    public void Names_and_label_keys_are_sanitised_and_colliding_keys_joined()
    {
        _metrics.Meter.CreateCounter<long>("pipeline.rate-scale/changes", null, "d")
            .Add(2, new("error.type", "timeout"), new("a.b", "x"), new("a_b", "y"));
        Assert.That(_metrics.Scrape(), Does.Contain("pipeline_rate_scale_changes_total{a_b=\"x;y\",error_type=\"timeout\"} 2\n"));
    }

    [Test]
    public void Non_string_label_values_use_invariant_formatting()
    {
        _metrics.Meter.CreateCounter<long>("typed", null, "d").Add(1, new("flag", true), new("n", 1.5), new("i", 42));
        Assert.That(_metrics.Scrape(), Does.Contain("typed_total{flag=\"true\",i=\"42\",n=\"1.5\"} 1\n"));
    }

    [Test]
    public void Instrument_without_description_has_no_help_line()
    {
        _metrics.Meter.CreateCounter<long>("quiet").Add(1);
        Assert.That(_metrics.Scrape(), Is.EqualTo("# TYPE quiet_total counter\nquiet_total 1\n"));
    }

    [Test]
    public void Nothing_recorded_renders_nothing() =>
        Assert.That(_metrics.Scrape(), Is.Empty);

    [Test]
    public void Values_are_cumulative_across_scrapes()
    {
        var counter = _metrics.Meter.CreateCounter<long>("cumulative", null, "d");
        counter.Add(2);
        var first = _metrics.Scrape();
        counter.Add(3);
        Assert.That((first, _metrics.Scrape()), Is.EqualTo(("# HELP cumulative_total d\n# TYPE cumulative_total counter\ncumulative_total 2\n", "# HELP cumulative_total d\n# TYPE cumulative_total counter\ncumulative_total 5\n")));
    }

    [Test]
    public void Exporter_not_attached_to_a_provider_says_how_to_attach_it()
    {
        var exporter = new PrometheusTextExporter();
        Assert.That(() => exporter.Scrape(TimeSpan.FromSeconds(1)), Throws.InvalidOperationException.With.Message.Contains("AddPrometheusTextExporter()"));
    }
}
