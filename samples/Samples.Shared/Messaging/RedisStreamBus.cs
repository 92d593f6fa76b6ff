using System.Collections.Concurrent;
using System.Text;
using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>
/// <see cref="IMessageBus"/> over Redis Streams in the platform's wire format (see <see cref="StreamNames"/>),
/// using the samples' small RESP client (see <see cref="RespConnection"/> for why it is not StackExchange.Redis).
/// </summary>
/// <remarks>Non-blocking commands share one connection. Each blocking read (XREADGROUP BLOCK) borrows a
/// connection of its own from a small pool, so one consumer waiting for messages never delays another's
/// acknowledgements.</remarks>
public sealed class RedisStreamBus : IMessageBus
{
    private readonly RedisEndpoint _endpoint;
    private readonly RespConnectionOptions _options;
    private readonly RespConnection _commands;
    private readonly RedisStreamClient _client;
    private readonly ConcurrentBag<RespConnection> _readers = [];
    private int _disposed;

    /// <summary>Creates a bus for the Redis server at <paramref name="endpoint"/>; connections open on first use.</summary>
    public RedisStreamBus(RedisEndpoint endpoint, RespConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _options = options ?? new RespConnectionOptions();
        _commands = new RespConnection(endpoint, _options);
        _client = new RedisStreamClient(_commands);
    }

    /// <summary>The typed command client on the shared connection (for tests and diagnostics).</summary>
    public RedisStreamClient Client => _client;

    /// <inheritdoc />
    public Task<string> PublishAsync(string stream, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        _client.AddAsync(stream, [new(StreamNames.DataField, data)], cancellationToken);

    /// <inheritdoc />
    public Task EnsureGroupAsync(string stream, string group, CancellationToken cancellationToken = default) =>
        _client.CreateGroupAsync(stream, group, "0", cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<BusMessage>> ReadAsync(ConsumerIdentity consumer, int maxCount, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_readers.TryTake(out var connection))
        {
            connection = new RespConnection(_endpoint, _options);
        }

        try
        {
            // BLOCK 0 means "forever" to Redis; never ask for that.
            var block = wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait;
            var entries = await new RedisStreamClient(connection).ReadGroupAsync(consumer.Stream, consumer.Group, consumer.Name, maxCount, block, ">", cancellationToken);
            return entries.Select(e => ToMessage(consumer.Stream, e, 1)).ToArray();
        }
        finally
        {
            if (_disposed == 0)
            {
                _readers.Add(connection);
            }
            else
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> AcknowledgeAsync(ConsumerIdentity consumer, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return await _client.AckAsync(consumer.Stream, consumer.Group, [messageId], cancellationToken) == 1;
    }

    /// <inheritdoc />
    public Task<string> DeadLetterAsync(BusMessage message, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reason);
        return _client.AddAsync(
            StreamNames.DeadLetter(message.Stream),
            [
                new(StreamNames.OriginalIdField, Encoding.UTF8.GetBytes(message.Id)),
                new(StreamNames.ReasonField, Encoding.UTF8.GetBytes(reason)),
                new(StreamNames.DataField, message.Data),
            ],
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BusMessage>> ReclaimAsync(ConsumerIdentity consumer, TimeSpan minIdle, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var claimed = new List<StreamEntry>();
        var cursor = "0-0";
        do
        {
            var result = await _client.AutoClaimAsync(consumer.Stream, consumer.Group, consumer.Name, minIdle, cursor, maxCount - claimed.Count, cancellationToken);
            claimed.AddRange(result.Claimed);
            cursor = result.NextStartId;
        }
        while (cursor != "0-0" && claimed.Count < maxCount);

        if (claimed.Count == 0)
        {
            return [];
        }

        // XAUTOCLAIM does not say how often an entry was delivered; XPENDING over the claimed range does,
        // and the consumer needs it to stop retrying a message that keeps failing.
        var pending = await _client.PendingAsync(consumer.Stream, consumer.Group, claimed[0].Id, claimed[^1].Id, claimed.Count, consumer: consumer.Name, cancellationToken: cancellationToken);
        var counts = pending.ToDictionary(p => p.Id, p => p.DeliveryCount, StringComparer.Ordinal);
        return claimed.Select(e => ToMessage(consumer.Stream, e, counts.GetValueOrDefault(e.Id, 1))).ToArray();
    }

    /// <inheritdoc />
    public Task<long> GetLengthAsync(string stream, CancellationToken cancellationToken = default) =>
        _client.LengthAsync(stream, cancellationToken);

    /// <inheritdoc />
    public async Task<long> GetPendingCountAsync(string stream, string group, CancellationToken cancellationToken = default) =>
        (await _client.PendingSummaryAsync(stream, group, cancellationToken)).Count;

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>> PeekDeadLettersAsync(string deadLetterStream, int maxCount, CancellationToken cancellationToken = default)
    {
        var entries = await _client.RangeAsync(deadLetterStream, "-", "+", maxCount, cancellationToken);
        return entries.Select(DeadLetterFields.ToDeadLetter).ToArray();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _commands.DisposeAsync();
        while (_readers.TryTake(out var connection))
        {
            await connection.DisposeAsync();
        }
    }

    private static BusMessage ToMessage(string stream, StreamEntry entry, long deliveryCount) =>
        new(stream, entry.Id, entry.GetField(StreamNames.DataField) ?? ReadOnlyMemory<byte>.Empty, deliveryCount);
}
