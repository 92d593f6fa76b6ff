using System.Text.Json;
using CoreRegistryClient.Samples.Backpressure;
using CoreRegistryClient.Samples.Pipeline.Feedback;
using Microsoft.Extensions.Time.Testing;

namespace CoreRegistryClient.Samples.Tests.Pipeline;

public class BackpressureTrackerTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero));
    private double _ts = 1_000;

    private BackpressureTracker NewTracker() => new(_time, Ttl);

    private FeedbackReading Reading(string coordinator, long queue, BackpressureLevel level, string provider, string source = "store", double? ts = null) =>
        new(coordinator, queue, 10_000, level, source, provider, ts ?? (_ts += 1));

    [Test]
    public void Queue_depth_is_the_latest_report_of_each_coordinator_summed_per_source()
    {
        var tracker = NewTracker();
        tracker.Apply(Reading("store-1", 100, BackpressureLevel.Ok, "binance"));
        tracker.Apply(Reading("store-2", 50, BackpressureLevel.Ok, "binance"));
        tracker.Apply(Reading("store-1", 300, BackpressureLevel.Ok, "binance"));
        tracker.Apply(Reading("writer-1", 7, BackpressureLevel.Ok, "binance", source: "writer"));
        Assert.That(tracker.QueueDepthBySource(), Is.EqualTo(new[] { new KeyValuePair<string, long>("store", 350), new("writer", 7) }));
    }

    [Test]
    public void A_provider_takes_the_worst_level_its_coordinators_last_reported()
    {
        var tracker = NewTracker();
        tracker.Apply(Reading("store-1", 0, BackpressureLevel.Hard, "binance"));
        tracker.Apply(Reading("store-2", 0, BackpressureLevel.Soft, "binance"));
        tracker.Apply(Reading("store-3", 0, BackpressureLevel.Ok, "kraken"));
        var before = tracker.LevelByProvider();
        tracker.Apply(Reading("store-1", 0, BackpressureLevel.Ok, "binance"));
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(new[] { new KeyValuePair<string, BackpressureLevel>("binance", BackpressureLevel.Hard), new("kraken", BackpressureLevel.Ok) }));
            Assert.That(tracker.LevelByProvider()[0].Value, Is.EqualTo(BackpressureLevel.Soft));
            Assert.That(tracker.WorstLevel(), Is.EqualTo(BackpressureLevel.Soft));
        });
    }

    [Test]
    public void A_reading_older_than_its_time_to_live_stops_counting_so_the_signal_falls_back()
    {
        var tracker = NewTracker();
        tracker.Apply(Reading("store-1", 9_000, BackpressureLevel.Hard, "binance"));
        _time.Advance(TimeSpan.FromSeconds(20));
        tracker.Apply(Reading("store-2", 100, BackpressureLevel.Ok, "coinbase"));
        var whileFresh = tracker.QueueDepthBySource().Single().Value;
        _time.Advance(TimeSpan.FromSeconds(11));
        var afterFirstExpired = (tracker.QueueDepthBySource().Single().Value, tracker.WorstLevel());
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(whileFresh, Is.EqualTo(9_100));
            Assert.That(afterFirstExpired, Is.EqualTo((100L, BackpressureLevel.Ok)));
            Assert.That(tracker.QueueDepthBySource(), Is.Empty, "no fresh reading: no series, and the fleet's max() falls back");
            Assert.That(tracker.LevelByProvider(), Is.Empty);
        });
    }

    [Test]
    public void An_older_report_arriving_late_does_not_roll_the_coordinator_back()
    {
        var tracker = NewTracker();
        tracker.Apply(Reading("store-1", 200, BackpressureLevel.Ok, "binance", ts: 2_000));
        tracker.Apply(Reading("store-1", 9_500, BackpressureLevel.Hard, "binance", ts: 1_990));
        tracker.Apply(Reading("store-1", 200, BackpressureLevel.Ok, "binance", ts: 2_000));
        Assert.That((tracker.QueueDepthBySource().Single().Value, tracker.WorstLevel()), Is.EqualTo((200L, BackpressureLevel.Ok)));
    }

    [Test]
    public void Coordinators_tracked_are_bounded_whatever_the_payloads_say()
    {
        var tracker = NewTracker();
        for (var i = 0; i < BackpressureTracker.MaxCoordinators + 50; i++)
        {
            tracker.Apply(Reading($"store-{i}", 1, BackpressureLevel.Ok, $"provider-{i}"));
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.That(tracker.LevelByProvider(), Has.Count.EqualTo(BackpressureTracker.MaxCoordinators));
    }

    [Test]
    public void Before_any_feedback_the_pipeline_runs_at_full_rate() =>
        Assert.That(NewTracker().WorstLevel().RateScale(), Is.EqualTo(1.0));

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
        Assert.That(FeedbackReading.TryRead(document.RootElement, headers)?.Provider, Is.EqualTo(provider));
    }

    [TestCase("{\"coordinator_id\":\"c\",\"queue_size\":5,\"level\":\"ok\",\"ts\":12.5}", 1.0, 12.5)]
    [TestCase("{\"coordinator_id\":\"c\",\"queue_size\":5,\"level\":\"ok\"}", 7.0, 7.0)]
    public void The_report_time_comes_from_the_payload_else_the_envelope(string payload, double envelopeTs, double ts)
    {
        using var document = JsonDocument.Parse(payload);
        Assert.That(FeedbackReading.TryRead(document.RootElement, null, envelopeTs)?.Ts, Is.EqualTo(ts));
    }

    [TestCase("{\"queue_size\":5,\"level\":\"ok\"}")]
    [TestCase("{\"coordinator_id\":\"c\",\"queue_size\":-1,\"level\":\"ok\"}")]
    [TestCase("{\"coordinator_id\":\"c\",\"queue_size\":\"5\",\"level\":\"ok\"}")]
    [TestCase("{\"coordinator_id\":\"c\",\"queue_size\":5,\"level\":\"critical\"}")]
    [TestCase("[1]")]
    public void Feedback_lacking_usable_fields_is_ignored_not_thrown(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        Assert.That(FeedbackReading.TryRead(document.RootElement, null), Is.Null);
    }
}
