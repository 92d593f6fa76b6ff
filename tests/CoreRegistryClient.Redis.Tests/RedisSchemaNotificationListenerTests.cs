using CoreRegistryClient.Notifications;
using CoreRegistryClient.Redis.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CoreRegistryClient.Redis.Tests;

/// <summary>The push path end to end in one process: the test registry's admin publish emits <c>schema.published</c> on
/// a real redis-server, and a replica with index polling off switches; hostile events, an unreachable Redis and a
/// dropped connection change nothing else.</summary>
public sealed class RedisSchemaNotificationListenerTests
{
    [Test]
    public async Task A_schema_published_through_the_admin_api_reaches_a_replica_with_polling_off()
    {
        var ns = RedisSetUp.FreshNamespace();
        await using var registry = await TestRegistry.StartAsync(RedisSetUp.Database, ns);
        await using var replica = await ReplicaHost.StartAsync(registry, RedisSetUp.Endpoint, ns);
        await replica.WaitForVersionAsync(TestRegistry.Schema, "1.0.0");
        await replica.WaitForLogAsync(1200);
        var indexReads = registry.RequestCount("/index");

        await TestRegistry.PublishAsync(registry, "2.0.0", 2);
        await replica.WaitForVersionAsync(TestRegistry.Schema, "2.0.0");
        await replica.WaitForLogAsync(1030); // the swap is visible a moment before it is counted

        Assert.Multiple(() =>
        {
            Assert.That(registry.RequestCount("/index"), Is.EqualTo(indexReads), "no poll: the push alone did it");
            Assert.That(replica.Applied.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(1));
            Assert.That(replica.Logs.GetSnapshot().Count(r => r.Id.Id == 1030), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task On_its_own_connection_the_listener_blocks_on_the_stream_rather_than_waiting_out_the_read_interval()
    {
        var ns = RedisSetUp.FreshNamespace();
        await using var registry = await TestRegistry.StartAsync(RedisSetUp.Database, ns);
        await using var replica = await ReplicaHost.StartAsync(registry, RedisSetUp.Endpoint, ns,
            configure: o => o.ReadInterval = TimeSpan.FromSeconds(60)); // a non-blocking reader would not look again for a minute
        await replica.WaitForVersionAsync(TestRegistry.Schema, "1.0.0");
        await replica.WaitForLogAsync(1200);
        await Task.Delay(200); // past the tail read: the listener now waits on the stream

        await TestRegistry.PublishAsync(registry, "2.0.0", 2);

        await replica.WaitForVersionAsync(TestRegistry.Schema, "2.0.0", TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task Blocking_reads_on_a_quiet_stream_keep_the_connection_healthy()
    {
        var ns = RedisSetUp.FreshNamespace();
        await using var registry = await TestRegistry.StartAsync(RedisSetUp.Database, ns);
        await using var replica = await ReplicaHost.StartAsync(registry, RedisSetUp.Endpoint, ns);
        await replica.WaitForLogAsync(1200);

        await Task.Delay(TimeSpan.FromSeconds(6)); // several 1 s blocks, with the multiplexer's heartbeats queued behind them
        await TestRegistry.PublishAsync(registry, "2.0.0", 2);
        await replica.WaitForVersionAsync(TestRegistry.Schema, "2.0.0");

        replica.Connected.RecordObservableInstruments();
        Assert.Multiple(() =>
        {
            Assert.That(replica.Logs.GetSnapshot().Where(r => r.Id.Id is 1201 or 1202 or 1203).Select(r => r.Message), Is.Empty,
                "no read failed, no replay: the blocked reads never timed out or dropped the connection");
            Assert.That(replica.Connected.LastMeasurement?.Value, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Hostile_events_are_ignored_and_counted_and_the_reader_carries_on()
    {
        var ns = RedisSetUp.FreshNamespace();
        var stream = SchemaPublishedEvents.StreamName(ns);
        await using var registry = await TestRegistry.StartAsync(RedisSetUp.Database, ns);
        await using var replica = await ReplicaHost.StartAsync(registry, RedisSetUp.Endpoint, ns);
        await replica.WaitForVersionAsync(TestRegistry.Schema, "1.0.0");
        await replica.WaitForLogAsync(1200);

        var db = RedisSetUp.Database;
        await db.StreamAddAsync(stream, "other", "no data field");
        await db.StreamAddAsync(stream, "data", "{not json");
        await db.StreamAddAsync(stream, "data", new string('x', 100_000));
        await db.StreamAddAsync(stream, "data", "[1,2,3]");
        await db.StreamAddAsync(stream, "data", MessageEnvelope.Create("telemetry.feedback", """{"name":"x"}"""u8).ToUtf8Bytes());
        await db.StreamAddAsync(stream, "data", MessageEnvelope.Create(SchemaPublishedEvents.SchemaId, """{"name":"x","track":"v1","deprecated":false}"""u8).ToUtf8Bytes());
        await db.StreamAddAsync(stream, "data", new string('[', 10_000));
        await SchemaPublishedEvents.PublishAsync(db, stream, new SchemaPublishedNotification("market.NotUsedHere", "v1", "9.9.9", new string('a', 64), false, null));
        await TestRegistry.PublishAsync(registry, "2.0.0", 2);
        await replica.WaitForVersionAsync(TestRegistry.Schema, "2.0.0");
        await replica.WaitForLogAsync(1030); // the swap is visible a moment before it is counted

        var reasons = replica.Ignored.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["reason"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Multiple(() =>
        {
            Assert.That(reasons, Is.EquivalentTo(new Dictionary<string, int> { ["malformed"] = 7, ["unknown_schema"] = 1 }));
            Assert.That(replica.Received.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(9));
            Assert.That(replica.Applied.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(1));
            Assert.That(replica.Logs.GetSnapshot().Count(r => r.Id.Id == 1204), Is.EqualTo(1), "unreadable events are logged at most once per 10 s");
        });
    }

    [Test]
    public async Task With_redis_unreachable_the_host_starts_validates_and_polls_as_before()
    {
        var ns = RedisSetUp.FreshNamespace();
        await using var registry = await TestRegistry.StartAsync(RedisSetUp.Database, ns);
        var closed = $"127.0.0.1:{CoreRegistryClient.Samples.Tests.Support.ExternalProcess.FreePort()},connectTimeout=200";
        var started = DateTime.UtcNow;
        await using var replica = await ReplicaHost.StartAsync(registry, closed, ns, pollSeconds: 1);
        var startup = DateTime.UtcNow - started;

        await replica.WaitForVersionAsync(TestRegistry.Schema, "1.0.0");
        registry.Registry.Add("v1", TestRegistry.Schema, "2.0.0", TestRegistry.Content(2));
        await replica.WaitForVersionAsync(TestRegistry.Schema, "2.0.0");
        await replica.WaitForLogAsync(1201);

        replica.Connected.RecordObservableInstruments();
        Assert.Multiple(() =>
        {
            Assert.That(startup, Is.LessThan(TimeSpan.FromSeconds(20)), "start-up does not wait for Redis (a generous bound: the machine may be loaded)");
            Assert.That(replica.Connected.LastMeasurement?.Value, Is.Zero, "the gauge says the bus is down");
            Assert.That(replica.Logs.GetSnapshot().Count(r => r.Id.Id == 1201), Is.EqualTo(1), "one warning per outage, not one per retry");
        });
    }

    [Test]
    public async Task After_its_connection_is_killed_a_replica_replays_what_it_missed()
    {
        var ns = RedisSetUp.FreshNamespace();
        await using var registry = await TestRegistry.StartAsync(RedisSetUp.Database, ns);
        await using var replica = await ReplicaHost.StartAsync(registry, RedisSetUp.Endpoint + ",name=replica-" + ns, ns,
            configure: o => o.ReadInterval = TimeSpan.FromSeconds(1));
        await replica.WaitForVersionAsync(TestRegistry.Schema, "1.0.0");
        await replica.WaitForLogAsync(1200);
        await SchemaPublishedEvents.PublishAsync(RedisSetUp.Database, SchemaPublishedEvents.StreamName(ns),
            new SchemaPublishedNotification("market.Earlier", "v1", "1.0.0", new string('b', 64), false, null)); // the stream holds an entry before the gap

        await RedisSetUp.DropOtherConnectionsAsync();
        await TestRegistry.PublishAsync(registry, "2.0.0", 2);
        await replica.WaitForVersionAsync(TestRegistry.Schema, "2.0.0");

        Assert.That(replica.Logs.GetSnapshot().Any(r => r.Id.Id is 1202), Is.True, "replayed from the last id after the reconnect");
    }

    [Test]
    public async Task A_gap_larger_than_the_catch_up_bound_triggers_one_full_index_check()
    {
        var ns = RedisSetUp.FreshNamespace();
        var stream = SchemaPublishedEvents.StreamName(ns);
        await using var registry = await TestRegistry.StartAsync(RedisSetUp.Database, ns);
        await using var replica = await ReplicaHost.StartAsync(registry, RedisSetUp.Endpoint, ns,
            configure: o => { o.MaxCatchUp = 5; o.ReadInterval = TimeSpan.FromSeconds(2); });
        await replica.WaitForVersionAsync(TestRegistry.Schema, "1.0.0");
        await replica.WaitForLogAsync(1200);

        await RedisSetUp.DropOtherConnectionsAsync();
        for (var i = 0; i < 10; i++)
        {
            await SchemaPublishedEvents.PublishAsync(RedisSetUp.Database, stream, new SchemaPublishedNotification("market.Other" + i, "v1", "1.0.0", new string('c', 64), false, null));
        }

        registry.Registry.Add("v1", TestRegistry.Schema, "2.0.0", TestRegistry.Content(2)); // changed without an event: only the index check can see it
        await replica.WaitForVersionAsync(TestRegistry.Schema, "2.0.0");

        Assert.Multiple(() =>
        {
            Assert.That(replica.Logs.GetSnapshot().Count(r => r.Id.Id == 1203), Is.EqualTo(1));
            Assert.That(replica.Logs.GetSnapshot().Count(r => r.Id.Id == 1032), Is.EqualTo(1), "the SDK's index check");
        });
    }

    [TestCase("", "mdp", "ConnectionString is empty")]
    [TestCase("127.0.0.1:6379", " ", "Namespace must be")]
    [TestCase("127.0.0.1:6379,notakey=1", "mdp", "not a StackExchange.Redis configuration string")]
    public void Bad_options_fail_the_start_with_a_message_naming_the_setting(string connection, string ns, string expected)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSchemaEnforcement(o => o.Enabled = false).AddRedisSchemaNotifications(connection, o => o.Namespace = ns);
        using var host = builder.Build();

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Message, Does.Contain(expected));
        Assert.That(error.Message, Does.Not.Contain("notakey=1"), "the configuration string may hold a password: never echoed");
    }

    [Test]
    public async Task The_overload_without_a_connection_string_reads_with_the_hosts_multiplexer()
    {
        var ns = RedisSetUp.FreshNamespace();
        await using var registry = await TestRegistry.StartAsync(RedisSetUp.Database, ns);
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(RedisSetUp.Endpoint);
        await using (var replica = await ReplicaHost.StartAsync(registry, multiplexer, ns))
        {
            Assert.That((await replica.Schemas.ValidateAsync(TestRegistry.Schema, "{}"u8.ToArray())).Version, Is.EqualTo("1.0.0"));
            await replica.WaitForLogAsync(1200); // the listener knows the stream's tail: what is written next reaches it

            await TestRegistry.PublishAsync(registry, "2.0.0", 2);

            await replica.WaitForVersionAsync(TestRegistry.Schema, "2.0.0"); // index polling is off: switched by push
        }

        Assert.That(multiplexer.IsConnected, Is.True, "the host's connection is borrowed, not closed");
    }
}
