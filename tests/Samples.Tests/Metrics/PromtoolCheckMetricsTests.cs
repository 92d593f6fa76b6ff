using System.Diagnostics.Metrics;
using CoreRegistryClient.Samples.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.Samples.Tests.Metrics;

/// <summary>What the official exporter serves must satisfy the real Prometheus parser and linter.</summary>
public class PromtoolCheckMetricsTests
{
    [Test]
    public async Task A_scrape_of_every_instrument_kind_passes_promtool_check_metrics()
    {
        await using var host = await OfficialExporterHost.StartAsync();
        var meter = host.Services.GetRequiredService<IMeterFactory>().Create(host.MeterName);
        meter.CreateCounter<long>("schema_validation", null, "Validations by outcome.").Add(4, new("schema", "telemetry.FeedbackEvent"), new("outcome", "success"));
        meter.CreateCounter<double>("work.time", "s", "Busy time.").Add(0.25);
        meter.CreateUpDownCounter<long>("pipeline_feedback_queue_depth", null, "Queue depth.").Add(3, new KeyValuePair<string, object?>("source", "store-1"));
        meter.CreateGauge<double>("pipeline_rate_scale_factor", null, "Rate scale.").Record(0.5, new KeyValuePair<string, object?>("provider", "p\"1\\\n"));
        meter.CreateObservableGauge("schema_cache_size", () => 12L, null, "Cached validators.");
        var histogram = meter.CreateHistogram<double>("schema_validation_duration", "s", "Validation time.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2] });
        histogram.Record(3e-6, new KeyValuePair<string, object?>("schema", "telemetry.FeedbackEvent"));
        histogram.Record(0.5, new KeyValuePair<string, object?>("schema", "telemetry.FeedbackEvent"));

        var text = await host.ScrapeAsync();
        var (exitCode, output) = await Promtool.CheckMetricsAsync(text);
        var scrape = new PrometheusText(text);
        Assert.Multiple(() =>
        {
            Assert.That((exitCode, output.Trim()), Is.EqualTo((0, string.Empty)), text);
            Assert.That(scrape.Value("schema_validation_total", ("schema", "telemetry.FeedbackEvent"), ("outcome", "success")), Is.EqualTo(4));
            Assert.That(scrape.Value("schema_validation_duration_seconds_count", ("schema", "telemetry.FeedbackEvent")), Is.EqualTo(2));
            Assert.That(scrape.Value("pipeline_rate_scale_factor", ("provider", "p\"1\\\n")), Is.EqualTo(0.5));
            Assert.That(scrape.Families(), Does.Contain("target_info"));
        });
    }

    [Test]
    public async Task Promtool_check_fails_on_a_broken_exposition_so_the_check_above_can_fail()
    {
        var (exitCode, _) = await Promtool.CheckMetricsAsync("# TYPE broken counter\nbroken_total{a=\"unterminated} 1\n");
        Assert.That(exitCode, Is.Not.Zero);
    }
}
