using CoreRegistryClient.JsonSchema;
using CoreRegistryClient.Redis;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Store;
using CoreRegistryClient.Samples.Tests.Store;
using CoreRegistryClient.Samples.Tests.Support;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Samples.Tests.LiveRedis;

/// <summary>The store sample with <c>--bus redis</c> against a real redis-server.</summary>
public class RedisStoreSampleTests
{
    [Test]
    public async Task Store_on_redis_publishes_valid_feedback_and_the_drift_event_in_the_wire_format()
    {
        var ns = "store" + Guid.NewGuid().ToString("N")[..8];
        var settings = new StoreSettings
        {
            Bus = "redis", Redis = LiveRedisSetUp.Endpoint, Namespace = ns,
            Count = 180, Rate = 3000, InvalidShare = 0.2, Listen = "http://127.0.0.1:0", SummaryInterval = TimeSpan.FromSeconds(1),
        };
        var output = new StringWriter();
        var exit = await StoreHost.RunAsync(settings, output, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        var feedback = await LiveRedisSetUp.Inspect.StreamRangeAsync(StreamNames.Feedback(ns));
        var drift = await LiveRedisSetUp.Inspect.StreamRangeAsync(StreamNames.SchemaDrift(ns));
        var validator = JsonSchemaValidator.Parse((await InMemorySchemaRegistry.FromDirectory(StoreRun.SchemaDirectory).GetSchemaAsync("v2", "telemetry.FeedbackEvent")).Content.GetRawText());
        var invalid = StoreSampleTests.DefectsAmongFirst(180, 0.2, settings.Seed);
        var last = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(feedback, Has.Length.EqualTo(180 - invalid));
            Assert.That(feedback.Concat(drift).Select(e => e.Values.Select(f => f.Name.ToString())), Has.All.EqualTo(new[] { "data" }));
            Assert.That(feedback.Select(e => validator.Validate(MessageEnvelope.Parse((byte[])e["data"]!).Payload).IsValid), Has.All.True);
            Assert.That(drift.Select(e => MessageEnvelope.Parse((byte[])e["data"]!)).Select(e => (e.Meta.SchemaId, e.Payload.GetProperty("schema").GetString(), e.Payload.GetProperty("drift_type").GetString())),
                Is.EqualTo(new[] { ("telemetry.schema_drift", "telemetry.FeedbackEvent", "drift") }));
            Assert.That(last, Does.Match(StoreSampleTests.SummaryPattern(180, 180 - invalid, 0, invalid, driftRuns: 1, drifted: "1", driftEvents: 1)));
        });
    }

    [Test]
    public async Task The_pipeline_group_can_consume_what_the_store_published()
    {
        var ns = "store" + Guid.NewGuid().ToString("N")[..8];
        var settings = new StoreSettings { Bus = "redis", Redis = LiveRedisSetUp.Endpoint, Namespace = ns, Count = 40, Rate = 3000, InvalidShare = 0, Listen = "http://127.0.0.1:0" };
        Assert.That(await StoreHost.RunAsync(settings, TextWriter.Null, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2)), Is.Zero);

        await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        var consumer = new ConsumerIdentity(StreamNames.Feedback(ns), StreamNames.PipelineGroup, "pipeline-test");
        await bus.EnsureGroupAsync(consumer.Stream, consumer.Group);
        var read = await bus.ReadAsync(consumer, 100, TimeSpan.FromSeconds(1));
        Assert.That(read.Select(m => MessageEnvelope.Parse(m.Data).Meta.SchemaId), Is.EqualTo(Enumerable.Repeat("telemetry.FeedbackEvent", 40)));
    }

    [Test]
    public async Task When_redis_goes_away_events_count_as_failed_and_health_turns_unhealthy_without_stopping_the_store()
    {
        // A redis-server of its own: this test kills it (RedisServer must be disposed exactly once).
        var redis = await RedisServer.StartAsync();
        var redisStopped = false;
        try
        {
            await using var run = await StoreRun.StartAsync(new StoreSettings { Bus = "redis", Redis = redis.Endpoint, Rate = 200, DriftInterval = TimeSpan.FromHours(1) });
            await WaitUntilAsync(() => run.Counters.Published >= 20, "20 events published");
            var healthyBefore = await HealthAsync(run);

            redisStopped = true;
            await redis.DisposeAsync();
            await WaitUntilAsync(() => run.Counters.Failed >= 5, "5 events failed");
            var producedAtOutage = run.Counters.Produced;
            await WaitUntilAsync(() => run.Counters.Produced >= producedAtOutage + 20, "the store keeps producing");

            Assert.Multiple(async () =>
            {
                Assert.That(healthyBefore, Is.EqualTo((200, "healthy")));
                Assert.That(await HealthAsync(run), Is.EqualTo((503, "unhealthy")));
                Assert.That(run.App.Lifetime.ApplicationStopping.IsCancellationRequested, Is.False);
            });
        }
        finally
        {
            if (!redisStopped)
            {
                await redis.DisposeAsync();
            }
        }
    }

    /// <summary>The HTTP status and the bus check's status (the drift check is degraded by the sample's drifting fixture).</summary>
    private static async Task<(int Status, string? Bus)> HealthAsync(StoreRun run)
    {
        using var http = new HttpClient { BaseAddress = run.BaseAddress };
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, body.RootElement.GetProperty("checks").GetProperty("message-bus").GetProperty("status").GetString());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), what + " within 90 s");
            await Task.Delay(50);
        }
    }
}
