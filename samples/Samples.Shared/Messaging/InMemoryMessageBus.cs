using System.Globalization;
using System.Text;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>
/// An in-process <see cref="IMessageBus"/> with Redis Streams semantics (ids <c>ms-seq</c>, consumer groups,
/// pending lists, reclaim by idle time, completion markers that expire), so a sample behaves the same with or
/// without Redis. Nothing is persisted: a process restart loses everything, which is fine for the embedded demo.
/// </summary>
internal sealed class InMemoryMessageBus : IMessageBus
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StreamState> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _completions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private DateTimeOffset _nextPrune;

    /// <summary>Creates an empty bus.</summary>
    public InMemoryMessageBus(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    public Task<string> PublishAsync(string stream, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        return Task.FromResult(Append(stream, [[new(StreamNames.DataField, data.ToArray())]])[0]);
    }

    public Task<IReadOnlyList<string>> PublishBatchAsync(string stream, IReadOnlyList<ReadOnlyMemory<byte>> batch, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(batch);
        return Task.FromResult<IReadOnlyList<string>>(Append(stream, batch.Select(d => new KeyValuePair<string, ReadOnlyMemory<byte>>[] { new(StreamNames.DataField, d.ToArray()) }).ToArray()));
    }

    public Task EnsureGroupAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(group);
        lock (_lock)
        {
            GetOrCreate(stream).Groups.TryAdd(group, new GroupState());
        }

        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<BusMessage>> ReadAsync(ConsumerIdentity consumer, int maxCount, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            Task arrived;
            lock (_lock)
            {
                var (stream, group) = GetGroup(consumer);
                if (group.NextIndex < stream.Entries.Count)
                {
                    var now = _time.GetUtcNow();
                    var taken = new List<BusMessage>(Math.Min(maxCount, stream.Entries.Count - group.NextIndex));
                    while (group.NextIndex < stream.Entries.Count && taken.Count < maxCount)
                    {
                        var index = group.NextIndex++;
                        group.Pending[index] = new PendingState(consumer.Name, now, 1);
                        taken.Add(ToMessage(consumer.Stream, stream.Entries[index], 1));
                    }

                    return taken;
                }

                arrived = stream.Arrived.Task;
            }

            var remaining = deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return [];
            }

            try
            {
                await arrived.WaitAsync(remaining, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return [];
            }
        }
    }

    public Task<IReadOnlyList<bool>> CompleteAsync(ConsumerIdentity consumer, IReadOnlyList<MessageCompletion> completions, TimeSpan idempotencyWindow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(completions);
        var firsts = new bool[completions.Count];
        List<KeyValuePair<string, ReadOnlyMemory<byte>>[]> letters = [];
        lock (_lock)
        {
            var (stream, group) = GetGroup(consumer);
            var now = _time.GetUtcNow();
            PruneCompletions(now);
            for (var i = 0; i < completions.Count; i++)
            {
                var (message, key, reason) = completions[i];
                var marker = StreamNames.Completion(consumer.Stream, consumer.Group, key);
                firsts[i] = !(_completions.TryGetValue(marker, out var expires) && expires > now);
                if (firsts[i])
                {
                    _completions[marker] = now + idempotencyWindow;
                    if (reason is not null)
                    {
                        letters.Add(DeadLetterEntry(message, reason));
                    }
                }

                var index = stream.IndexOf(message.Id);
                if (index >= 0)
                {
                    group.Pending.Remove(index);
                }
            }
        }

        if (letters.Count > 0)
        {
            Append(StreamNames.DeadLetter(consumer.Stream), letters);
        }

        return Task.FromResult<IReadOnlyList<bool>>(firsts);
    }

    public Task<IReadOnlyList<BusMessage>> ReclaimAsync(ConsumerIdentity consumer, TimeSpan minIdle, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        lock (_lock)
        {
            var (stream, group) = GetGroup(consumer);
            var now = _time.GetUtcNow();
            var claimed = new List<BusMessage>();
            foreach (var (index, pending) in group.Pending.ToArray())
            {
                if (claimed.Count == maxCount)
                {
                    break;
                }

                if (now - pending.LastDelivered >= minIdle)
                {
                    var count = pending.DeliveryCount + 1;
                    group.Pending[index] = new PendingState(consumer.Name, now, count);
                    claimed.Add(ToMessage(consumer.Stream, stream.Entries[index], count));
                }
            }

            return Task.FromResult<IReadOnlyList<BusMessage>>(claimed);
        }
    }

    public Task<long> GetLengthAsync(string stream, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_streams.TryGetValue(stream, out var state) ? (long)state.Entries.Count : 0L);
        }
    }

    public Task<long> GetPendingCountAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var (_, state) = GetGroup(new ConsumerIdentity(stream, group, string.Empty));
            return Task.FromResult((long)state.Pending.Count);
        }
    }

    public Task<IReadOnlyList<DeadLetter>> PeekDeadLettersAsync(string deadLetterStream, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        lock (_lock)
        {
            IReadOnlyList<DeadLetter> result = _streams.TryGetValue(deadLetterStream, out var state)
                ? state.Entries.Take(maxCount).Select(e => DeadLetterFields.ToDeadLetter(e.Id, e.GetField)).ToArray()
                : [];
            return Task.FromResult(result);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static KeyValuePair<string, ReadOnlyMemory<byte>>[] DeadLetterEntry(BusMessage message, string reason) =>
    [
        new(StreamNames.OriginalIdField, Encoding.UTF8.GetBytes(message.Id)),
        new(StreamNames.ReasonField, Encoding.UTF8.GetBytes(reason)),
        new(StreamNames.DataField, message.Data.ToArray()),
    ];

    private static BusMessage ToMessage(string stream, StreamEntryData entry, long deliveryCount) =>
        new(stream, entry.Id, entry.GetField(StreamNames.DataField) ?? ReadOnlyMemory<byte>.Empty, deliveryCount);

    private void PruneCompletions(DateTimeOffset now)
    {
        if (now < _nextPrune)
        {
            return;
        }

        foreach (var (marker, expires) in _completions.ToArray())
        {
            if (expires <= now)
            {
                _completions.Remove(marker);
            }
        }

        _nextPrune = now + TimeSpan.FromSeconds(10);
    }

    private string[] Append(string stream, IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>[]> entries)
    {
        TaskCompletionSource arrived;
        var ids = new string[entries.Count];
        lock (_lock)
        {
            var state = GetOrCreate(stream);
            for (var i = 0; i < entries.Count; i++)
            {
                var ms = Math.Max(_time.GetUtcNow().ToUnixTimeMilliseconds(), state.LastMilliseconds);
                state.Sequence = ms == state.LastMilliseconds ? state.Sequence + 1 : 0;
                state.LastMilliseconds = ms;
                var id = string.Create(CultureInfo.InvariantCulture, $"{ms}-{state.Sequence}");
                state.Entries.Add(new StreamEntryData(id, entries[i]));
                state.Ids[id] = state.Entries.Count - 1;
                ids[i] = id;
            }

            arrived = state.Arrived;
            state.Arrived = NewSignal();
        }

        // Wake readers outside the lock; continuations run asynchronously so none runs inside Append.
        arrived.TrySetResult();
        return ids;
    }

    private StreamState GetOrCreate(string stream)
    {
        if (!_streams.TryGetValue(stream, out var state))
        {
            state = new StreamState();
            _streams[stream] = state;
        }

        return state;
    }

    private (StreamState Stream, GroupState Group) GetGroup(ConsumerIdentity consumer) =>
        _streams.TryGetValue(consumer.Stream, out var stream) && stream.Groups.TryGetValue(consumer.Group, out var group)
            ? (stream, group)
            : throw new InvalidOperationException($"NOGROUP: consumer group '{consumer.Group}' does not exist on stream '{consumer.Stream}'; call EnsureGroupAsync first.");

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class StreamState
    {
        public List<StreamEntryData> Entries { get; } = [];

        public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, GroupState> Groups { get; } = new(StringComparer.Ordinal);

        public TaskCompletionSource Arrived { get; set; } = NewSignal();

        public long LastMilliseconds { get; set; }

        public long Sequence { get; set; }

        public int IndexOf(string id) => Ids.TryGetValue(id, out var index) ? index : -1;
    }

    private sealed class GroupState
    {
        public int NextIndex { get; set; }

        // Keyed by entry index, which orders like the ids do.
        public SortedDictionary<int, PendingState> Pending { get; } = [];
    }

    private sealed record PendingState(string Consumer, DateTimeOffset LastDelivered, long DeliveryCount);
}
