using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Pipeline;
using CoreRegistryClient.Samples.Tests.Messaging;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Tests.LiveRedis;

/// <summary>The bus contract against a real redis-server, plus what only the wire can show.</summary>
[TestFixture]
public sealed class RedisStreamBusTests : MessageBusContract
{
    private static IDatabase Redis => LiveRedisSetUp.Inspect;

    private protected override IMessageBus CreateBus() => new RedisStreamBus(LiveRedisSetUp.Endpoint);

    private static string NewStream(string prefix) => StreamNames.Feedback(prefix + Guid.NewGuid().ToString("N")[..8]);

    [Test]
    public async Task Entries_on_the_wire_use_the_platform_field_names()
    {
        await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        var stream = NewStream("wire-");
        var consumer = new ConsumerIdentity(stream, StreamNames.PipelineGroup, "c");
        await bus.EnsureGroupAsync(stream, StreamNames.PipelineGroup);
        var id = await bus.PublishAsync(stream, "{}"u8.ToArray());
        var message = (await bus.ReadAsync(consumer, 1, TimeSpan.FromSeconds(5))).Single();
        await bus.CompleteAsync(consumer, [new MessageCompletion(message, "envelope-1", "why")], TimeSpan.FromMinutes(1));

        var entry = (await Redis.StreamRangeAsync(stream)).Single();
        var letter = (await Redis.StreamRangeAsync(stream + ".dlq")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Values.Select(v => v.Name.ToString()), Is.EqualTo(new[] { "data" }));
            Assert.That(letter.Values.Select(v => (v.Name.ToString(), v.Value.ToString())), Is.EqualTo(new[] { ("original_id", id), ("reason", "why"), ("data", "{}") }));
        });
    }

    [Test]
    public async Task A_completion_leaves_a_marker_per_group_and_envelope_that_lives_one_to_two_windows()
    {
        await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        var stream = NewStream("marker-");
        var consumer = new ConsumerIdentity(stream, StreamNames.PipelineGroup, "c");
        await bus.EnsureGroupAsync(stream, StreamNames.PipelineGroup);
        await bus.PublishBatchAsync(stream, ["a"u8.ToArray(), "b"u8.ToArray()]);
        var read = await bus.ReadAsync(consumer, 2, TimeSpan.FromSeconds(5));
        await bus.CompleteAsync(consumer, [new MessageCompletion(read[0], "ok-1", null), new MessageCompletion(read[1], "bad-1", "invalid")], TimeSpan.FromMinutes(10));

        var markers = await bus.ReadCompletionMarkersAsync(stream, StreamNames.PipelineGroup);
        var ttl = await Redis.KeyTimeToLiveAsync((await MarkerKeysAsync(stream)).Single());
        Assert.Multiple(() =>
        {
            Assert.That(markers, Is.EquivalentTo(new Dictionary<string, string> { ["ok-1"] = "p", ["bad-1"] = "d" }));
            Assert.That(ttl, Is.Not.Null.And.InRange(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20)));
        });
    }

    [Test]
    public async Task A_batch_of_completions_writes_its_markers_into_one_hash_not_a_key_per_message()
    {
        await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        var stream = NewStream("batch-");
        var consumer = new ConsumerIdentity(stream, StreamNames.PipelineGroup, "c");
        await bus.EnsureGroupAsync(stream, StreamNames.PipelineGroup);
        await bus.PublishBatchAsync(stream, Enumerable.Range(0, 256).Select(i => (ReadOnlyMemory<byte>)new[] { (byte)i }).ToArray());
        var read = await bus.ReadAsync(consumer, 256, TimeSpan.FromSeconds(5));
        var firsts = await bus.CompleteAsync(consumer, read.Select((m, i) => new MessageCompletion(m, $"envelope-{i}", i % 10 == 0 ? "invalid" : null)).ToArray(), TimeSpan.FromMinutes(10));

        var keys = await MarkerKeysAsync(stream);
        Assert.Multiple(async () =>
        {
            Assert.That(firsts, Has.Count.EqualTo(256).And.All.True);
            Assert.That(keys, Has.Count.EqualTo(1));
            Assert.That(await Redis.HashLengthAsync(keys[0]), Is.EqualTo(256));
            Assert.That(await Redis.StreamLengthAsync(stream + ".dlq"), Is.EqualTo(26));
            Assert.That((await Redis.StreamPendingAsync(stream, StreamNames.PipelineGroup)).PendingMessageCount, Is.Zero);
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Entry_without_a_data_field_is_delivered_with_empty_data(bool afterAFullBatch)
    {
        await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        var stream = "foreign-" + Guid.NewGuid().ToString("N");
        await bus.EnsureGroupAsync(stream, "g");
        var (message, _) = await AddAndReadAsync(bus, stream, afterAFullBatch, () => Redis.StreamAddAsync(stream, "other", "x"));
        Assert.That(message.Data.IsEmpty, Is.True);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task The_data_field_is_found_by_name_among_other_fields(bool afterAFullBatch)
    {
        await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        var stream = "foreign-" + Guid.NewGuid().ToString("N");
        await bus.EnsureGroupAsync(stream, "g");
        var (message, id) = await AddAndReadAsync(bus, stream, afterAFullBatch, () => Redis.StreamAddAsync(stream, [new NameValueEntry("dat", "no"), new NameValueEntry("datax", "no"), new NameValueEntry("data", "{\"a\":1}")]));
        Assert.Multiple(() =>
        {
            Assert.That(message.Id, Is.EqualTo(id.ToString()));
            Assert.That(System.Text.Encoding.UTF8.GetString(message.Data.Span), Is.EqualTo("{\"a\":1}"));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Data_of_any_length_and_content_arrives_byte_for_byte(bool afterAFullBatch)
    {
        // Values of up to 8 bytes, and longer ones that read as a canonical number, are stored differently by
        // StackExchange.Redis than other byte strings; every kind must come out as the bytes that went in.
        byte[][] payloads = [[], [0], "12345678"u8.ToArray(), "123456789012345"u8.ToArray(), "-1.5e3"u8.ToArray(), [0xFF, 0xFE, 0, 1, 2, 3, 4, 5, 6], new byte[70_000]];
        payloads[^1].AsSpan().Fill(0xC3);
        await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        var stream = NewStream("bytes-");
        await bus.EnsureGroupAsync(stream, "g");
        if (afterAFullBatch)
        {
            await bus.PublishAsync(stream, "filler"u8.ToArray());
            Assert.That(await bus.ReadAsync(new ConsumerIdentity(stream, "g", "c"), 1, TimeSpan.FromSeconds(5)), Has.Count.EqualTo(1));
        }

        var ids = await bus.PublishBatchAsync(stream, payloads.Select(p => (ReadOnlyMemory<byte>)p).ToArray());
        var read = await bus.ReadAsync(new ConsumerIdentity(stream, "g", "c"), payloads.Length, TimeSpan.FromSeconds(5));
        Assert.Multiple(() =>
        {
            Assert.That(read.Select(m => m.Id), Is.EqualTo(ids));
            Assert.That(read.Select(m => m.Data.ToArray()), Is.EqualTo(payloads));
        });
    }

    [Test]
    public async Task Reading_a_missing_group_is_redis_nogroup_error()
    {
        await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        var error = Assert.ThrowsAsync<RedisServerException>(() => bus.ReadAsync(new ConsumerIdentity("nogroup-" + Guid.NewGuid(), "g", "c"), 1, TimeSpan.FromMilliseconds(10)));
        Assert.That(error!.Message, Does.StartWith("NOGROUP"));
    }

    [Test]
    public async Task A_blocking_read_does_not_hold_up_publishing_or_completion()
    {
        await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        var idle = NewStream("idle-");
        var busy = NewStream("busy-");
        await bus.EnsureGroupAsync(idle, "g");
        await bus.EnsureGroupAsync(busy, "g");

        // A read on a stream nobody writes to waits its full 20 s; meanwhile the shared connection keeps working.
        var waiting = bus.ReadAsync(new ConsumerIdentity(idle, "g", "waiter"), 1, TimeSpan.FromSeconds(20));
        await bus.PublishAsync(busy, "x"u8.ToArray());
        var other = await bus.ReadAsync(new ConsumerIdentity(busy, "g", "reader"), 1, TimeSpan.FromSeconds(20));
        await bus.CompleteAsync(new ConsumerIdentity(busy, "g", "reader"), [new MessageCompletion(other[0], "k", null)], TimeSpan.FromMinutes(1));

        // Had anything queued behind the blocked read, it would only have finished after the read returned.
        Assert.That(waiting.IsCompleted, Is.False, "publishing, reading elsewhere and completing finished while the first read still waits");
        Assert.That(await waiting.WaitAsync(TimeSpan.FromSeconds(60)), Is.Empty);
    }

    [Test]
    [NonParallelizable]
    public async Task The_samples_serve_the_redis_bus_from_threads_of_its_own_not_the_thread_pool()
    {
        Assume.That(Directory.Exists("/proc/self/task"), "reads thread names from Linux's /proc");

        // The flag is process-wide: start from the library's default, so only CreateBus can turn it on, and leave it as
        // it was for the tests that follow.
        var before = RedisStreamBus.UsesDedicatedThreads;
        RedisStreamBus.UseDedicatedThreads(false);
        try
        {
            await using var bus = SampleHostBuilder.CreateBus(new PipelineSettings { Bus = "redis", Redis = LiveRedisSetUp.Endpoint });
            await ((RedisStreamBus)bus).PingAsync();

            // StackExchange.Redis names the threads it owns "SE.Redis Sync Reader" and "SE.Redis Sync Writer"; Linux
            // keeps the first 15 characters of a thread's name.
            var threads = Directory.GetDirectories("/proc/self/task").Select(task => File.ReadAllText(Path.Combine(task, "comm")).Trim()).ToArray();
            Assert.That(threads, Has.Some.EqualTo("SE.Redis Sync R").And.Some.EqualTo("SE.Redis Sync W"));
        }
        finally
        {
            RedisStreamBus.UseDedicatedThreads(before);
        }
    }

    [Test]
    public async Task Disposed_bus_refuses_reads()
    {
        var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        await bus.DisposeAsync();
        Assert.ThrowsAsync<ObjectDisposedException>(() => bus.ReadAsync(new ConsumerIdentity("s", "g", "c"), 1, TimeSpan.Zero));
    }

    [TestCase("host:99999")]
    [TestCase("")]
    [TestCase("unknownoption=1")]
    public void A_configuration_that_names_no_usable_endpoint_is_a_format_error_without_framework_text(string configuration)
    {
        var error = Assert.Throws<FormatException>(() => _ = new RedisStreamBus(configuration));
        Assert.That(error!.Message, Does.Not.Contain("Parameter").And.Not.Contain("System."));
    }

    [Test]
    public async Task The_description_of_endpoints_never_includes_the_password()
    {
        await using var bus = new RedisStreamBus("cache.internal:6380,password=s3cret,ssl=true");
        Assert.That(bus.Endpoints, Is.EqualTo("cache.internal:6380"));
    }

    /// <summary>Adds an entry to <paramref name="stream"/> with <paramref name="add"/> and reads it, with its id. With
    /// <paramref name="afterAFullBatch"/>, a read that fills its batch goes first, so the entry comes through the bus's
    /// backlog read rather than its blocking one.</summary>
    private static async Task<(BusMessage Message, RedisValue Id)> AddAndReadAsync(RedisStreamBus bus, string stream, bool afterAFullBatch, Func<Task<RedisValue>> add)
    {
        var consumer = new ConsumerIdentity(stream, "g", "c");
        if (afterAFullBatch)
        {
            await Redis.StreamAddAsync(stream, StreamNames.DataField, "filler");
            Assert.That(await bus.ReadAsync(consumer, 1, TimeSpan.FromSeconds(5)), Has.Count.EqualTo(1));
        }

        var id = await add();
        return ((await bus.ReadAsync(consumer, 1, TimeSpan.FromSeconds(5))).Single(), id);
    }

    private static async Task<List<RedisKey>> MarkerKeysAsync(string stream)
    {
        var server = Redis.Multiplexer.GetServers().Single();
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: StreamNames.CompletionMarkers(stream, StreamNames.PipelineGroup) + ":*"))
        {
            keys.Add(key);
        }

        return keys;
    }
}
