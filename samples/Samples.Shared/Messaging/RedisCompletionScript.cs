using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>
/// The one script call that finishes a batch on the Redis bus, atomically: a consumer killed mid-batch leaves either
/// all effects of a message or none. It looks up the batch's envelope keys in the completion markers, marks the new
/// ones, writes their dead letters and acknowledges every message.
/// </summary>
/// <remarks>
/// <para>The markers of one window live in one hash, <c>{prefix}:{window ms}:{bucket}</c> with bucket = server time /
/// window, field = envelope key, value <c>p</c> (processed) or <c>d</c> (dead-lettered). A key counts as completed when
/// the current or the previous bucket holds it, so it is remembered for one to two windows, and each bucket expires
/// when it stops being the previous one. Per batch: an <c>HMGET</c> per existing bucket, one <c>HSET</c>, one
/// <c>PEXPIREAT</c>, one <c>XACK</c>, and an <c>XADD</c> per dead letter.</para>
/// <para>Why the arguments are shaped as they are: in <c>redis-server</c> every script argument becomes a Lua string and
/// every value passed on to a command becomes a Redis string again, and the script's own table building ran at about
/// a third of the call (callgrind, docs/fleet.md). So the client does what it can do as well: it drops keys repeated
/// within the batch (the first occurrence decides, as before), and sends each distinct key with its marker value as a
/// (key, value) pair, so that when none of the keys is found, which is the usual case, the pairs go from the
/// arguments to <c>HSET</c> as they are. The reply lists only the duplicates.</para>
/// </remarks>
internal static class RedisCompletionScript
{
    // KEYS: stream, dead-letter stream, marker prefix. ARGV: group, window ms, n ids, m distinct keys, the n stream ids,
    // the m (key, p|d) pairs, then (key index, id index, reason, data) per dead letter of a distinct key, in order.
    // Commands get at most `chunk` ids, or `chunk` (key, value) pairs (2 * chunk values), per call: Lua's unpack is
    // bounded by its C stack.
    private const string Script = """
        local chunk = 1000
        local group, window = ARGV[1], ARGV[2]
        local n, m = tonumber(ARGV[3]), tonumber(ARGV[4])
        local first_id, first_pair, first_letter = 5, 5 + n, 5 + n + 2 * m
        local time = redis.call('TIME')
        local bucket = math.floor((tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)) / tonumber(window))
        local prefix = KEYS[3] .. ':' .. window .. ':'
        local current = prefix .. string.format('%d', bucket)
        local keys = {}
        for j = 1, m do
          keys[j] = ARGV[first_pair + 2 * j - 2]
        end
        local found, any = {}, false
        local function lookup(key)
          if redis.call('EXISTS', key) == 0 then return end
          for s = 1, m, chunk do
            local part = redis.call('HMGET', key, unpack(keys, s, math.min(s + chunk - 1, m)))
            for i = 1, #part do
              if part[i] then
                found[s + i - 1] = true
                any = true
              end
            end
          end
        end
        lookup(current)
        lookup(prefix .. string.format('%d', bucket - 1))
        local duplicates, marks, from, marked = {}, ARGV, first_pair, first_letter - first_pair
        if any then
          marks, from, marked = {}, 1, 0
          for j = 1, m do
            if found[j] then
              duplicates[#duplicates + 1] = j
            else
              marks[marked + 1] = ARGV[first_pair + 2 * j - 2]
              marks[marked + 2] = ARGV[first_pair + 2 * j - 1]
              marked = marked + 2
            end
          end
        end
        for s = from, from + marked - 1, 2 * chunk do
          redis.call('HSET', current, unpack(marks, s, math.min(s + 2 * chunk - 1, from + marked - 1)))
        end
        if marked > 0 then
          redis.call('PEXPIREAT', current, string.format('%d', (bucket + 2) * tonumber(window)))
        end
        for at = first_letter, #ARGV, 4 do
          if not found[tonumber(ARGV[at])] then
            redis.call('XADD', KEYS[2], '*', 'original_id', ARGV[first_id + tonumber(ARGV[at + 1]) - 1], 'reason', ARGV[at + 2], 'data', ARGV[at + 3])
          end
        end
        for s = first_id, first_pair - 1, chunk do
          redis.call('XACK', KEYS[1], group, unpack(ARGV, s, math.min(s + chunk - 1, first_pair - 1)))
        end
        return duplicates
        """;

    private static readonly RedisValue Processed = "p";
    private static readonly RedisValue DeadLettered = "d";

    /// <summary>Runs the script for <paramref name="completions"/> (at least one); returns, for each in order, whether it
    /// was the first completion of its key.</summary>
    public static async Task<bool[]> CompleteAsync(IDatabaseAsync database, ConsumerIdentity consumer, IReadOnlyList<MessageCompletion> completions, TimeSpan idempotencyWindow)
    {
        var n = completions.Count;
        var firsts = new bool[n];
        var distinct = new int[n];
        var seen = new HashSet<string>(n, StringComparer.Ordinal);
        var (m, letters) = (0, 0);
        for (var i = 0; i < n; i++)
        {
            if (seen.Add(completions[i].Key))
            {
                firsts[i] = true;
                distinct[m++] = i;
                letters += completions[i].DeadLetterReason is null ? 0 : 1;
            }
        }

        var arguments = new RedisValue[4 + n + (2 * m) + (4 * letters)];
        arguments[0] = consumer.Group;
        arguments[1] = (long)Math.Max(1, idempotencyWindow.TotalMilliseconds);
        arguments[2] = n;
        arguments[3] = m;
        for (var i = 0; i < n; i++)
        {
            arguments[4 + i] = completions[i].Message.Id;
        }

        var letterAt = 4 + n + (2 * m);
        for (var j = 0; j < m; j++)
        {
            var (message, key, reason) = completions[distinct[j]];
            arguments[4 + n + (2 * j)] = key;
            arguments[5 + n + (2 * j)] = reason is null ? Processed : DeadLettered;
            if (reason is not null)
            {
                arguments[letterAt++] = j + 1;
                arguments[letterAt++] = distinct[j] + 1;
                arguments[letterAt++] = reason;
                arguments[letterAt++] = message.Data;
            }
        }

        var reply = await database.ScriptEvaluateAsync(Script, [consumer.Stream, StreamNames.DeadLetter(consumer.Stream), StreamNames.CompletionMarkers(consumer.Stream, consumer.Group)], arguments);
        foreach (var duplicate in (RedisValue[])reply!)
        {
            firsts[distinct[(int)duplicate - 1]] = false;
        }

        return firsts;
    }
}
