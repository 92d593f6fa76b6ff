using System.Collections.Concurrent;
using System.Text;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>
/// <see cref="IMessageBus"/> over Redis Streams with StackExchange.Redis, in the platform's wire format (see
/// <see cref="StreamNames"/>). Publishing is pipelined, a batch is completed in one script call
/// (<see cref="RedisCompletionScript"/>), and reads block on a connection of their own.
/// </summary>
/// <remarks>
/// <para>Why a second connection for reads: StackExchange.Redis multiplexes every command on one socket and has
/// no BLOCK option for <c>XREADGROUP</c> (a blocking command would hold up everything queued behind it). So
/// reads go through <c>ExecuteAsync("XREADGROUP", …, "BLOCK", ms)</c> on dedicated connections, one per
/// concurrent read, while publishing, completing and reclaiming share the multiplexed one. The alternative, a
/// polling loop with backoff on the shared connection, either adds up to a backoff of latency to every quiet
/// period or keeps Redis busy answering empty reads; a blocking read answers the moment a message arrives.</para>
/// <para>While a consumer has a backlog (from a read that filled its batch until one comes back short), its reads are
/// StackExchange.Redis's typed, non-blocking <c>StreamReadGroupAsync</c> on the shared connection instead: that reply is parsed into one
/// <see cref="StreamEntry"/> per message, where <c>ExecuteAsync</c> builds a tree of seven <see cref="RedisResult"/>
/// objects and arrays per message. Should it find nothing, the same call goes on to the blocking read, so a read still
/// waits for messages when idle and takes the same new messages (<c>&gt;</c>) either way.</para>
/// <para>A read in flight is not abandoned on cancellation: it returns within its wait (at most a second in the
/// samples), and abandoning it would strand the messages Redis delivered to it until they are reclaimed. Disposing the
/// bus does not wait for reads: a typed read in flight on the shared connection then fails (as it does when it outlasts
/// the connection's command timeout), and the entries Redis handed it stay pending until a consumer reclaims them, as
/// a crashed consumer's do: delayed, not lost.</para>
/// </remarks>
internal sealed class RedisStreamBus : IMessageBus
{
    private const string DedicatedThreadsFlag = "DedicatedThreads";
    private readonly ConfigurationOptions _options;
    private readonly Lock _lock = new();
    private readonly ConcurrentBag<ConnectionMultiplexer> _readers = [];
    private readonly ConcurrentDictionary<ConsumerIdentity, bool> _backlogged = new();
    private Task<ConnectionMultiplexer>? _commands;
    private int _disposed;

    /// <summary>A bus for the Redis that <paramref name="configuration"/> names (a StackExchange.Redis
    /// configuration string such as <c>localhost:6379</c> or <c>redis:6379,password=…,ssl=true</c>). Connections
    /// open on first use and reconnect by themselves.</summary>
    public RedisStreamBus(string configuration)
    {
        _options = RedisConfiguration.Parse(configuration);
        Endpoints = RedisConfiguration.Describe(_options);
    }

    /// <summary>Has StackExchange.Redis read and write every connection this process opens from now on with threads of
    /// its own (its <c>DedicatedThreads</c> feature flag, process-wide) instead of thread-pool work items, or, with
    /// <paramref name="enabled"/> false, return to the library's default; call it at start-up, before the first
    /// connection.</summary>
    /// <remarks>Why: by default StackExchange.Redis 3.4 sends a request and reads its reply on the thread pool. A
    /// consumer validating a batch keeps a pool thread busy for milliseconds, and in a process with one CPU (pinned, or a
    /// container limited to one) the pool has one thread: the read-ahead request then waits until the batch is handled,
    /// and the consumer waits a whole <c>XREADGROUP</c> round trip for every batch (docs/fleet.md). Costs: a reader and a
    /// writer thread per connection, and this bus opens one connection per concurrent blocking read besides the shared
    /// one. The flag is the library's process-wide switch, which its documentation reserves for support guidance as a
    /// remedy for a starved thread pool: it applies to every StackExchange.Redis connection in the process, the SDK's
    /// schema notifications included (docs/samples.md).</remarks>
    public static void UseDedicatedThreads(bool enabled = true) => ConnectionMultiplexer.SetFeatureFlag(DedicatedThreadsFlag, enabled);

    /// <summary>Whether <see cref="UseDedicatedThreads"/> is in effect.</summary>
    public static bool UsesDedicatedThreads => ConnectionMultiplexer.GetFeatureFlag(DedicatedThreadsFlag);

    /// <summary>The endpoints, for messages (never the password).</summary>
    public string Endpoints { get; }

    public async Task<string> PublishAsync(string stream, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        (await PublishBatchAsync(stream, [data], cancellationToken))[0];

    public async Task<IReadOnlyList<string>> PublishBatchAsync(string stream, IReadOnlyList<ReadOnlyMemory<byte>> batch, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(batch);
        var database = await DatabaseAsync();

        // Issued without waiting for each answer: the multiplexer pipelines them on one socket, in order.
        var sent = new Task<RedisValue>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            sent[i] = database.StreamAddAsync(stream, StreamNames.DataField, batch[i]);
        }

        await Task.WhenAll(sent).WaitAsync(cancellationToken);
        return sent.Select(t => t.Result.ToString()).ToArray();
    }

    public async Task EnsureGroupAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(group);
        var database = await DatabaseAsync();
        try
        {
            await database.StreamCreateConsumerGroupAsync(stream, group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // The group exists: exactly what was asked for.
        }
    }

    public async Task<IReadOnlyList<BusMessage>> ReadAsync(ConsumerIdentity consumer, int maxCount, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (_backlogged.ContainsKey(consumer))
        {
            var entries = await (await DatabaseAsync()).StreamReadGroupAsync(consumer.Stream, consumer.Group, consumer.Name, StreamPosition.NewMessages, maxCount);
            if (entries.Length > 0)
            {
                return RememberBacklog(consumer, maxCount, StreamReply.Messages(consumer.Stream, entries));
            }
        }

        return RememberBacklog(consumer, maxCount, await BlockingReadAsync(consumer, maxCount, wait));
    }

    public async Task<IReadOnlyList<bool>> CompleteAsync(ConsumerIdentity consumer, IReadOnlyList<MessageCompletion> completions, TimeSpan idempotencyWindow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count == 0)
        {
            return [];
        }

        return await RedisCompletionScript.CompleteAsync(await DatabaseAsync(), consumer, completions, idempotencyWindow);
    }

    public async Task<IReadOnlyList<BusMessage>> ReclaimAsync(ConsumerIdentity consumer, TimeSpan minIdle, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var database = await DatabaseAsync();
        var claimed = new List<StreamEntry>();
        RedisValue cursor = "0-0";
        do
        {
            var result = await database.StreamAutoClaimAsync(consumer.Stream, consumer.Group, consumer.Name, (long)minIdle.TotalMilliseconds, cursor, maxCount - claimed.Count);
            claimed.AddRange(result.ClaimedEntries.Where(e => !e.IsNull));
            cursor = result.NextStartId;
        }
        while (cursor != "0-0" && claimed.Count < maxCount);

        if (claimed.Count == 0)
        {
            return [];
        }

        // XAUTOCLAIM does not say how often an entry was delivered; XPENDING over the claimed range does,
        // and the consumer needs it to stop retrying a message that keeps failing.
        var pending = await database.StreamPendingMessagesAsync(consumer.Stream, consumer.Group, claimed.Count, consumer.Name, claimed[0].Id, claimed[^1].Id);
        var counts = pending.ToDictionary(p => p.MessageId.ToString(), p => (long)p.DeliveryCount, StringComparer.Ordinal);
        return claimed.Select(e => new BusMessage(consumer.Stream, e.Id.ToString(), StreamReply.Data(e), counts.GetValueOrDefault(e.Id.ToString(), 2))).ToArray();
    }

    public async Task<long> GetLengthAsync(string stream, CancellationToken cancellationToken = default) =>
        await (await DatabaseAsync()).StreamLengthAsync(stream);

    public async Task<long> GetPendingCountAsync(string stream, string group, CancellationToken cancellationToken = default) =>
        (await (await DatabaseAsync()).StreamPendingAsync(stream, group)).PendingMessageCount;

    public async Task<IReadOnlyList<DeadLetter>> PeekDeadLettersAsync(string deadLetterStream, int maxCount, CancellationToken cancellationToken = default)
    {
        var entries = await (await DatabaseAsync()).StreamRangeAsync(deadLetterStream, count: maxCount);
        return entries.Select(e => DeadLetterFields.ToDeadLetter(e.Id.ToString(), name => StreamReply.Field(e, Encoding.UTF8.GetBytes(name)))).ToArray();
    }

    /// <summary>The completion markers <paramref name="group"/> holds for <paramref name="stream"/> (envelope key to
    /// <c>p</c> processed or <c>d</c> dead-lettered), across the live windows; for inspection and tests.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadCompletionMarkersAsync(string stream, string group)
    {
        var database = await DatabaseAsync();
        var markers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var server in database.Multiplexer.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(database.Database, StreamNames.CompletionMarkers(stream, group) + ":*", pageSize: 1000))
            {
                foreach (var field in await database.HashGetAllAsync(key))
                {
                    markers[field.Name.ToString()] = field.Value.ToString();
                }
            }
        }

        return markers;
    }

    /// <summary>Answers a PING, or throws what the connection reports (for start-up checks and health).</summary>
    public async Task<TimeSpan> PingAsync() => await (await DatabaseAsync()).PingAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Task<ConnectionMultiplexer>? commands;
        lock (_lock)
        {
            commands = _commands;
        }

        if (commands is { IsCompletedSuccessfully: true })
        {
            await commands.Result.DisposeAsync();
        }

        while (_readers.TryTake(out var reader))
        {
            await reader.DisposeAsync();
        }
    }

    private async Task<BusMessage[]> BlockingReadAsync(ConsumerIdentity consumer, int maxCount, TimeSpan wait)
    {
        if (!_readers.TryTake(out var reader))
        {
            reader = await ConnectAsync(forBlockingReads: true);
        }

        try
        {
            // BLOCK 0 means "forever" to Redis; never ask for that.
            var block = (long)Math.Max(1, wait.TotalMilliseconds);
            var reply = await reader.GetDatabase().ExecuteAsync(
                "XREADGROUP",
                "GROUP", consumer.Group, consumer.Name, "COUNT", maxCount, "BLOCK", block, "STREAMS", consumer.Stream, ">");
            return StreamReply.Messages(consumer.Stream, reply);
        }
        finally
        {
            if (_disposed == 0)
            {
                _readers.Add(reader);
            }
            else
            {
                await reader.DisposeAsync();
            }
        }
    }

    /// <summary>Remembers whether <paramref name="consumer"/> left more to read: a read that filled its batch did, one that
    /// did not drained the stream. Kept across reads, so that every read a consumer has in flight takes the typed path.</summary>
    private BusMessage[] RememberBacklog(ConsumerIdentity consumer, int maxCount, BusMessage[] read)
    {
        if (read.Length >= maxCount)
        {
            _backlogged[consumer] = true;
        }
        else
        {
            _backlogged.TryRemove(consumer, out _);
        }

        return read;
    }

    private async Task<IDatabase> DatabaseAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        Task<ConnectionMultiplexer> commands;
        lock (_lock)
        {
            // A connect that failed is not cached: the next command tries again.
            if (_commands is null || _commands.IsFaulted || _commands.IsCanceled)
            {
                _commands = ConnectAsync(forBlockingReads: false);
            }

            commands = _commands;
        }

        return (await commands).GetDatabase();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(bool forBlockingReads)
    {
        var options = _options.Clone();
        if (forBlockingReads)
        {
            // Room for the longest BLOCK on top of the usual timeout; no pub/sub socket is needed for reads.
            options.AsyncTimeout += (int)TimeSpan.FromSeconds(30).TotalMilliseconds;
            options.CommandMap = CommandMap.Create(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE" }, available: false);
            options.ClientName = (options.ClientName ?? "samples") + "-reader";

            // ExecuteAsync hands back the raw reply; RESP2 keeps XREADGROUP's reply the nested arrays StreamReply reads
            // (RESP3 would make the outer level a map).
            options.Protocol = RedisProtocol.Resp2;
        }

        return await ConnectionMultiplexer.ConnectAsync(options);
    }
}
