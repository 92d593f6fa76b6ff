namespace CoreRegistryClient.Samples.Redis;

/// <summary>
/// Typed Redis Streams commands over a <see cref="RespConnection"/>: exactly what the samples' bus needs.
/// See <see cref="RespConnection"/> for why this exists instead of StackExchange.Redis.
/// </summary>
public sealed class RedisStreamClient
{
    private readonly RespConnection _connection;

    /// <summary>Wraps <paramref name="connection"/> (not owned).</summary>
    public RedisStreamClient(RespConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <summary>PING; returns the server's answer (<c>PONG</c>).</summary>
    public async Task<string> PingAsync(CancellationToken cancellationToken = default) =>
        (await _connection.ExecuteAsync(new RespCommand("PING"), cancellationToken)).AsRequiredString();

    /// <summary>DEL; returns how many keys existed.</summary>
    public async Task<long> DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var command = new RespCommand("DEL");
        foreach (var key in keys)
        {
            command.Add(key);
        }

        return (await _connection.ExecuteAsync(command, cancellationToken)).AsInteger();
    }

    /// <summary>XGROUP CREATE stream group startId MKSTREAM. Returns false when the group already exists
    /// (BUSYGROUP), which is the normal case for every start after the first.</summary>
    public async Task<bool> CreateGroupAsync(string stream, string group, string startId = "0", CancellationToken cancellationToken = default)
    {
        var command = new RespCommand("XGROUP").Add("CREATE").Add(stream).Add(group).Add(startId).Add("MKSTREAM");
        try
        {
            await _connection.ExecuteAsync(command, cancellationToken);
            return true;
        }
        catch (RedisErrorReplyException e) when (e.Prefix == "BUSYGROUP")
        {
            return false;
        }
    }

    /// <summary>XADD stream * field value ...; returns the new entry id.</summary>
    public async Task<string> AddAsync(string stream, IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentOutOfRangeException.ThrowIfZero(fields.Count);
        var command = new RespCommand("XADD").Add(stream).Add("*");
        foreach (var (name, value) in fields)
        {
            command.Add(name).Add(value);
        }

        return (await _connection.ExecuteAsync(command, cancellationToken)).AsRequiredString();
    }

    /// <summary>XREADGROUP GROUP group consumer COUNT n [BLOCK ms] STREAMS stream id. With id <c>&gt;</c>
    /// (the default) it returns entries never delivered to the group; an empty list when none arrived in time.</summary>
    public async Task<IReadOnlyList<StreamEntry>> ReadGroupAsync(string stream, string group, string consumer, int count, TimeSpan? block, string id = ">", CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var command = new RespCommand("XREADGROUP").Add("GROUP").Add(group).Add(consumer).Add("COUNT").Add(count);
        if (block is { } wait)
        {
            command.Add("BLOCK").Add(Milliseconds(wait));
        }

        command.Add("STREAMS").Add(stream).Add(id);
        var reply = await _connection.ExecuteAsync(command, block ?? TimeSpan.Zero, cancellationToken);
        if (reply.IsNull)
        {
            return [];
        }

        // [[stream, [entry, ...]]]: one item per stream asked for; we ask for one.
        foreach (var streamReply in reply.AsArray())
        {
            var pair = streamReply.AsArray();
            if (pair.Count != 2)
            {
                throw new RespProtocolException($"XREADGROUP stream reply has {pair.Count} items, expected 2.");
            }

            return ParseEntries(pair[1]);
        }

        return [];
    }

    /// <summary>XACK stream group id...; returns how many were pending.</summary>
    public async Task<long> AckAsync(string stream, string group, IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var command = new RespCommand("XACK").Add(stream).Add(group);
        foreach (var id in ids)
        {
            command.Add(id);
        }

        return (await _connection.ExecuteAsync(command, cancellationToken)).AsInteger();
    }

    /// <summary>XAUTOCLAIM stream group consumer min-idle start COUNT n: takes over entries another consumer
    /// read but has not acknowledged for at least <paramref name="minIdle"/>.</summary>
    public async Task<AutoClaimResult> AutoClaimAsync(string stream, string group, string consumer, TimeSpan minIdle, string startId = "0-0", int count = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var command = new RespCommand("XAUTOCLAIM").Add(stream).Add(group).Add(consumer).Add(Milliseconds(minIdle)).Add(startId).Add("COUNT").Add(count);
        var reply = (await _connection.ExecuteAsync(command, cancellationToken)).AsArray();

        // Redis 6.2 answers [next, entries]; Redis 7 adds [.., deleted ids].
        if (reply.Count is not (2 or 3))
        {
            throw new RespProtocolException($"XAUTOCLAIM reply has {reply.Count} items, expected 2 or 3.");
        }

        var deleted = reply.Count == 3 ? reply[2].AsArray().Select(v => v.AsRequiredString()).ToArray() : [];
        return new AutoClaimResult(reply[0].AsRequiredString(), ParseEntries(reply[1]), deleted);
    }

    /// <summary>XPENDING stream group (summary form).</summary>
    public async Task<PendingSummary> PendingSummaryAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        var reply = (await _connection.ExecuteAsync(new RespCommand("XPENDING").Add(stream).Add(group), cancellationToken)).AsArray();
        if (reply.Count != 4)
        {
            throw new RespProtocolException($"XPENDING summary has {reply.Count} items, expected 4.");
        }

        var perConsumer = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!reply[3].IsNull)
        {
            foreach (var row in reply[3].AsArray())
            {
                var pair = row.AsArray();
                if (pair.Count != 2)
                {
                    throw new RespProtocolException("XPENDING consumer row is not [name, count].");
                }

                perConsumer[pair[0].AsRequiredString()] = pair[1].AsInteger();
            }
        }

        return new PendingSummary(reply[0].AsInteger(), reply[1].AsString(), reply[2].AsString(), perConsumer);
    }

    /// <summary>XPENDING stream group [IDLE ms] start end count [consumer] (extended form).</summary>
    public async Task<IReadOnlyList<PendingEntry>> PendingAsync(string stream, string group, string startId, string endId, int count, TimeSpan? minIdle = null, string? consumer = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var command = new RespCommand("XPENDING").Add(stream).Add(group);
        if (minIdle is { } idle)
        {
            command.Add("IDLE").Add(Milliseconds(idle));
        }

        command.Add(startId).Add(endId).Add(count);
        if (consumer is not null)
        {
            command.Add(consumer);
        }

        var rows = (await _connection.ExecuteAsync(command, cancellationToken)).AsArray();
        var result = new List<PendingEntry>(rows.Count);
        foreach (var row in rows)
        {
            var cells = row.AsArray();
            if (cells.Count != 4)
            {
                throw new RespProtocolException($"XPENDING row has {cells.Count} items, expected 4.");
            }

            result.Add(new PendingEntry(cells[0].AsRequiredString(), cells[1].AsRequiredString(), TimeSpan.FromMilliseconds(cells[2].AsInteger()), cells[3].AsInteger()));
        }

        return result;
    }

    /// <summary>XRANGE stream start end COUNT n: entries in id order, without touching any consumer group.</summary>
    public async Task<IReadOnlyList<StreamEntry>> RangeAsync(string stream, string startId = "-", string endId = "+", int count = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var command = new RespCommand("XRANGE").Add(stream).Add(startId).Add(endId).Add("COUNT").Add(count);
        return ParseEntries(await _connection.ExecuteAsync(command, cancellationToken));
    }

    /// <summary>XLEN stream; 0 for a stream that does not exist.</summary>
    public async Task<long> LengthAsync(string stream, CancellationToken cancellationToken = default) =>
        (await _connection.ExecuteAsync(new RespCommand("XLEN").Add(stream), cancellationToken)).AsInteger();

    private static List<StreamEntry> ParseEntries(RespValue entries)
    {
        if (entries.IsNull)
        {
            return [];
        }

        var result = new List<StreamEntry>();
        foreach (var entry in entries.AsArray())
        {
            if (entry.IsNull)
            {
                continue;
            }

            var parts = entry.AsArray();
            if (parts.Count != 2)
            {
                throw new RespProtocolException($"Stream entry has {parts.Count} items, expected [id, fields].");
            }

            var id = parts[0].AsRequiredString();

            // A pending entry that was deleted from the stream comes back with nil fields.
            var flat = parts[1].IsNull ? [] : parts[1].AsArray();
            if (flat.Count % 2 != 0)
            {
                throw new RespProtocolException($"Stream entry {id} has an odd number of field items.");
            }

            var fields = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>(flat.Count / 2);
            for (var i = 0; i < flat.Count; i += 2)
            {
                if (flat[i + 1].Type != RespType.BulkString)
                {
                    throw new RespProtocolException($"Stream entry {id} has a non-bulk field value.");
                }

                fields.Add(new(flat[i].AsRequiredString(), flat[i + 1].Bytes));
            }

            result.Add(new StreamEntry(id, fields));
        }

        return result;
    }

    private static long Milliseconds(TimeSpan value) =>
        value < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value), "Durations sent to Redis cannot be negative.") : (long)value.TotalMilliseconds;
}
