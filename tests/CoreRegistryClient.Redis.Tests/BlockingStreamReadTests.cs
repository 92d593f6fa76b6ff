using StackExchange.Redis;

namespace CoreRegistryClient.Redis.Tests;

/// <summary>The raw <c>XREAD BLOCK</c> reply read into stream entries, in both protocol shapes, and against a real
/// redis-server (nothing arrives: empty; an entry arrives while blocked: returned).</summary>
public sealed class BlockingStreamReadTests
{
    private static RedisResult Entry(string id, params string[] fields) =>
        RedisResult.Create([RedisResult.Create((RedisValue)id), RedisResult.Create(fields.Select(f => (RedisValue)f).ToArray())]);

    [Test]
    public void A_resp2_reply_lists_each_entry_with_its_fields()
    {
        var entries = RedisResult.Create([Entry("1-0", "data", "a"), Entry("2-5", "data", "b", "other", "c")]);
        var reply = RedisResult.Create([RedisResult.Create([RedisResult.Create((RedisValue)"s"), entries])]);

        var parsed = BlockingStreamRead.Parse(reply);

        Assert.That(parsed.Select(e => (string)e.Id!), Is.EqualTo(new[] { "1-0", "2-5" }));
        Assert.That((string)parsed[1]["other"]!, Is.EqualTo("c"));
        Assert.That((string)parsed[0]["data"]!, Is.EqualTo("a"));
    }

    [Test]
    public void A_resp3_map_reply_flattened_to_key_and_entries_reads_the_same()
    {
        var reply = RedisResult.Create([RedisResult.Create((RedisValue)"s"), RedisResult.Create([Entry("3-1", "data", "x")])]);

        var parsed = BlockingStreamRead.Parse(reply);

        Assert.That(parsed.Select(e => (string)e.Id!), Is.EqualTo(new[] { "3-1" }));
        Assert.That((string)parsed[0]["data"]!, Is.EqualTo("x"));
    }

    [Test]
    public void A_null_reply_after_the_block_ran_out_is_no_entries()
    {
        Assert.That(BlockingStreamRead.Parse(RedisResult.Create(RedisValue.Null)), Is.Empty);
    }

    [Test]
    public async Task Against_redis_a_read_waits_for_an_entry_written_while_it_blocks()
    {
        var stream = RedisSetUp.FreshNamespace() + ":blocking";
        await using var reader = await ConnectionMultiplexer.ConnectAsync(RedisSetUp.Endpoint);
        var tail = StreamId.Parse((string)(await RedisSetUp.Database.StreamAddAsync(stream, "data", "before"))!);

        Assert.That(await BlockingStreamRead.ReadAsync(reader.GetDatabase(), stream, tail, 10, TimeSpan.FromMilliseconds(50)), Is.Empty, "nothing new: the block runs out");
        var read = BlockingStreamRead.ReadAsync(reader.GetDatabase(), stream, tail, 10, TimeSpan.FromSeconds(2));
        await Task.Delay(100);
        var written = await RedisSetUp.Database.StreamAddAsync(stream, "data", "after");
        var entries = await read;

        Assert.That(entries.Select(e => ((string)e.Id!, (string)e["data"]!)), Is.EqualTo(new[] { ((string)written!, "after") }));
    }
}
