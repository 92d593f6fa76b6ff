using System.Text.Json;
using CoreRegistryClient.Samples.Backpressure;
using CoreRegistryClient.Samples.Pipeline.Feedback;

namespace CoreRegistryClient.Samples.Tests.Pipeline;

public class BackpressureTrackerTests
{
    private static FeedbackEvent Event(string coordinator, long queue, BackpressureLevel level, string provider, string source = "store") =>
        new(coordinator, queue, 10_000, level, source, provider);

    [Test]
    public void Queue_depth_is_the_latest_report_of_each_coordinator_summed_per_source()
    {
        var tracker = new BackpressureTracker();
        tracker.Apply(Event("store-1", 100, BackpressureLevel.Ok, "binance"));
        tracker.Apply(Event("store-2", 50, BackpressureLevel.Ok, "binance"));
        tracker.Apply(Event("store-1", 300, BackpressureLevel.Ok, "binance"));
        tracker.Apply(Event("writer-1", 7, BackpressureLevel.Ok, "binance", source: "writer"));
        Assert.That(tracker.QueueDepthBySource(), Is.EqualTo(new[] { new KeyValuePair<string, long>("store", 350), new("writer", 7) }));
    }

    [Test]
    public void A_provider_takes_the_worst_level_its_coordinators_last_reported()
    {
        var tracker = new BackpressureTracker();
        tracker.Apply(Event("store-1", 0, BackpressureLevel.Hard, "binance"));
        tracker.Apply(Event("store-2", 0, BackpressureLevel.Soft, "binance"));
        tracker.Apply(Event("store-3", 0, BackpressureLevel.Ok, "kraken"));
        var before = tracker.LevelByProvider();
        tracker.Apply(Event("store-1", 0, BackpressureLevel.Ok, "binance"));
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(new[] { new KeyValuePair<string, BackpressureLevel>("binance", BackpressureLevel.Hard), new("kraken", BackpressureLevel.Ok) }));
            Assert.That(tracker.LevelByProvider()[0].Value, Is.EqualTo(BackpressureLevel.Soft));
            Assert.That(tracker.WorstLevel(), Is.EqualTo(BackpressureLevel.Soft));
        });
    }

    [Test]
    public void Before_any_feedback_the_pipeline_runs_at_full_rate() =>
        Assert.That(new BackpressureTracker().WorstLevel().RateScale(), Is.EqualTo(1.0));

    [TestCase(0, 1.0)]
    [TestCase(1, 0.5)]
    [TestCase(2, 0.0)]
    public void Rate_scale_follows_the_rollout_guide(int level, double scale) =>
        Assert.That(((BackpressureLevel)level).RateScale(), Is.EqualTo(scale));

    [TestCase("{\"coordinator_id\":\"c\",\"queue_size\":5,\"capacity\":10,\"level\":\"soft\",\"provider\":\"kraken\"}", null, "kraken")]
    [TestCase("{\"coordinator_id\":\"c\",\"queue_size\":5,\"capacity\":10,\"level\":\"soft\"}", "coinbase", "coinbase")]
    [TestCase("{\"coordinator_id\":\"c\",\"queue_size\":5,\"capacity\":10,\"level\":\"soft\"}", null, "c")]
    public void Provider_comes_from_the_payload_then_the_header_then_the_coordinator(string payload, string? header, string provider)
    {
        using var document = JsonDocument.Parse(payload);
        var headers = header is null ? null : new Dictionary<string, string> { ["provider"] = header };
        Assert.That(FeedbackEvent.TryRead(document.RootElement, headers)?.Provider, Is.EqualTo(provider));
    }

    [TestCase("{\"queue_size\":5,\"level\":\"ok\"}")]
    [TestCase("{\"coordinator_id\":\"c\",\"queue_size\":-1,\"level\":\"ok\"}")]
    [TestCase("{\"coordinator_id\":\"c\",\"queue_size\":\"5\",\"level\":\"ok\"}")]
    [TestCase("{\"coordinator_id\":\"c\",\"queue_size\":5,\"level\":\"critical\"}")]
    [TestCase("[1]")]
    public void Feedback_lacking_usable_fields_is_ignored_not_thrown(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        Assert.That(FeedbackEvent.TryRead(document.RootElement, null), Is.Null);
    }
}
