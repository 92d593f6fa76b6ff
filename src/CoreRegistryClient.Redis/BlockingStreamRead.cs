using StackExchange.Redis;

namespace CoreRegistryClient.Redis;

/// <summary><c>XREAD COUNT n BLOCK ms STREAMS key id</c>: waits on the server until an entry after <c>id</c> arrives
/// (or the block ends), so an event is read as soon as it is written rather than on the next poll.</summary>
/// <remarks>StackExchange.Redis has no typed blocking stream read (its <c>StreamRead</c> is non-blocking), so this goes
/// through <c>ExecuteAsync</c> and reads the raw reply. A blocking command holds its connection's socket for the block,
/// so it is only sent on a connection nothing else uses (see <see cref="RedisNotificationConnection.BlockFor"/>).</remarks>
internal static class BlockingStreamRead
{
    /// <summary>The entries after <paramref name="after"/>, at most <paramref name="count"/>; empty when none arrived
    /// within <paramref name="block"/>.</summary>
    public static async Task<StreamEntry[]> ReadAsync(IDatabaseAsync database, string stream, StreamId after, int count, TimeSpan block)
    {
        var reply = await database.ExecuteAsync("XREAD", "COUNT", count, "BLOCK", (long)block.TotalMilliseconds, "STREAMS", stream, after.ToString())
            .ConfigureAwait(false);
        return Parse(reply);
    }

    /// <summary>The entries in an <c>XREAD</c> reply for one stream: null (nothing arrived), a RESP2 array
    /// <c>[[key, entries]]</c>, or a RESP3 map <c>{key: entries}</c> (flattened to <c>[key, entries]</c>); each entry is
    /// <c>[id, [field, value, …]]</c>.</summary>
    internal static StreamEntry[] Parse(RedisResult reply)
    {
        if (reply.IsNull || reply.Length <= 0) return [];
        var first = reply[0];
        var entries = first.Resp2Type == ResultType.Array ? first[1] : reply[1];
        if (entries.IsNull || entries.Length <= 0) return [];
        var parsed = new StreamEntry[entries.Length];
        for (var i = 0; i < parsed.Length; i++)
        {
            var entry = entries[i];
            var fields = entry[1];
            var values = new NameValueEntry[fields.IsNull ? 0 : fields.Length / 2];
            for (var f = 0; f < values.Length; f++)
            {
                values[f] = new NameValueEntry((RedisValue)fields[2 * f], (RedisValue)fields[(2 * f) + 1]);
            }

            parsed[i] = new StreamEntry((RedisValue)entry[0], values);
        }

        return parsed;
    }
}
