using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Tests.LiveRedis;

public class RespConnectionLiveTests
{
    [Test]
    public async Task Error_reply_is_typed_and_the_connection_stays_usable()
    {
        await using var connection = new RespConnection(LiveRedisSetUp.Endpoint);
        var client = new RedisStreamClient(connection);
        var key = "plain-" + Guid.NewGuid();
        await connection.ExecuteAsync(new RespCommand("SET").Add(key).Add("v"));

        var error = Assert.ThrowsAsync<RedisErrorReplyException>(() => client.LengthAsync(key));
        Assert.Multiple(async () =>
        {
            Assert.That(error!.Prefix, Is.EqualTo("WRONGTYPE"));
            Assert.That(await client.PingAsync(), Is.EqualTo("PONG"));
            Assert.That(await client.DeleteAsync([key]), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Creating_an_existing_group_reports_false_instead_of_failing()
    {
        await using var connection = new RespConnection(LiveRedisSetUp.Endpoint);
        var client = new RedisStreamClient(connection);
        var stream = "grp-" + Guid.NewGuid();
        Assert.That(new[] { await client.CreateGroupAsync(stream, "g"), await client.CreateGroupAsync(stream, "g") }, Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public async Task Pending_summary_and_rows_report_consumer_and_delivery_count()
    {
        await using var connection = new RespConnection(LiveRedisSetUp.Endpoint);
        var client = new RedisStreamClient(connection);
        var stream = "pend-" + Guid.NewGuid();
        await client.CreateGroupAsync(stream, "g");
        var id = await client.AddAsync(stream, [new("data", "x"u8.ToArray())]);
        _ = await client.ReadGroupAsync(stream, "g", "alice", 10, block: null);
        var claim = await client.AutoClaimAsync(stream, "g", "bob", TimeSpan.Zero);

        var summary = await client.PendingSummaryAsync(stream, "g");
        var rows = await client.PendingAsync(stream, "g", "-", "+", 10);
        Assert.Multiple(() =>
        {
            Assert.That(claim.Claimed.Select(e => e.Id), Is.EqualTo(new[] { id }));
            Assert.That(claim.NextStartId, Is.EqualTo("0-0"));
            Assert.That((summary.Count, summary.SmallestId, summary.GreatestId), Is.EqualTo((1L, id, id)));
            Assert.That(summary.PerConsumer, Is.EqualTo(new Dictionary<string, long> { ["bob"] = 1 }));
            Assert.That(rows.Select(r => (r.Id, r.Consumer, r.DeliveryCount)), Is.EqualTo(new[] { (id, "bob", 2L) }));
        });
    }

    [Test]
    public async Task Cancelled_blocking_read_drops_the_socket_and_the_next_command_reconnects()
    {
        await using var connection = new RespConnection(LiveRedisSetUp.Endpoint);
        var client = new RedisStreamClient(connection);
        var stream = "cancel-" + Guid.NewGuid();
        await client.CreateGroupAsync(stream, "g");
        using var cts = new CancellationTokenSource();
        var blocked = client.ReadGroupAsync(stream, "g", "c", 1, TimeSpan.FromMinutes(5), cancellationToken: cts.Token);
        await cts.CancelAsync();
        Assert.That(async () => await blocked, Throws.InstanceOf<OperationCanceledException>());

        // Were the socket reused, the late reply to the cancelled XREADGROUP could be read as PING's answer.
        await client.AddAsync(stream, [new("data", "x"u8.ToArray())]);
        Assert.That(await client.PingAsync(), Is.EqualTo("PONG"));
    }
}
