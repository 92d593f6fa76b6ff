using System.Text;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Redis;
using CoreRegistryClient.Samples.Tests.Messaging;

namespace CoreRegistryClient.Samples.Tests.LiveRedis;

/// <summary>The bus contract against a real redis-server, plus what only the wire can show.</summary>
[TestFixture]
public sealed class RedisStreamBusTests : MessageBusContract
{
    protected override IMessageBus CreateBus() => new RedisStreamBus(LiveRedisSetUp.Endpoint);

    [Test]
    public async Task Entries_on_the_wire_use_the_platform_field_names()
    {
        await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        var stream = StreamNames.Feedback("wire-" + Guid.NewGuid().ToString("N")[..8]);
        await bus.EnsureGroupAsync(stream, StreamNames.PipelineGroup);
        var id = await bus.PublishAsync(stream, "{}"u8.ToArray());
        var message = (await bus.ReadAsync(new ConsumerIdentity(stream, StreamNames.PipelineGroup, "c"), 1, TimeSpan.FromSeconds(5))).Single();
        await bus.DeadLetterAsync(message, "why");

        var entry = (await bus.Client.RangeAsync(stream)).Single();
        var letter = (await bus.Client.RangeAsync(stream + ".dlq")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Fields.Select(f => f.Key), Is.EqualTo(new[] { "data" }));
            Assert.That(letter.Fields.Select(f => (f.Key, Encoding.UTF8.GetString(f.Value.Span))), Is.EqualTo(new[] { ("original_id", id), ("reason", "why"), ("data", "{}") }));
        });
    }

    [Test]
    public async Task Entry_without_a_data_field_is_delivered_with_empty_data()
    {
        await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        var stream = "foreign-" + Guid.NewGuid().ToString("N");
        await bus.EnsureGroupAsync(stream, "g");
        await bus.Client.AddAsync(stream, [new("other", "x"u8.ToArray())]);
        var message = (await bus.ReadAsync(new ConsumerIdentity(stream, "g", "c"), 1, TimeSpan.FromSeconds(5))).Single();
        Assert.That(message.Data.IsEmpty, Is.True);
    }

    [Test]
    public async Task Reading_a_missing_group_is_a_typed_nogroup_error()
    {
        await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        var error = Assert.ThrowsAsync<RedisErrorReplyException>(() => bus.ReadAsync(new ConsumerIdentity("nogroup-" + Guid.NewGuid(), "g", "c"), 1, TimeSpan.FromMilliseconds(10)));
        Assert.That(error!.Prefix, Is.EqualTo("NOGROUP"));
    }

    [Test]
    public async Task Disposed_bus_refuses_reads()
    {
        var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
        await bus.DisposeAsync();
        Assert.ThrowsAsync<ObjectDisposedException>(() => bus.ReadAsync(new ConsumerIdentity("s", "g", "c"), 1, TimeSpan.Zero));
    }
}
