using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using HandledBatch = System.Collections.Generic.List<(CoreRegistryClient.Samples.Messaging.MessageCompletion Completion, CoreRegistryClient.Samples.Messaging.MessageOutcome Outcome)>;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>Handles one message; return <see cref="MessageOutcome.Processed"/> or
/// <see cref="MessageOutcome.DeadLetter"/> (with the envelope id as key). Throwing leaves the message pending,
/// to be retried after reclaim.</summary>
internal delegate ValueTask<MessageOutcome> MessageHandler(BusMessage message, CancellationToken cancellationToken);

/// <summary>Told about each completed message: its outcome, and whether it was the first completion of its key
/// (false: a duplicate that was only acknowledged).</summary>
internal delegate void CompletionObserver(BusMessage message, MessageOutcome outcome, bool first);

/// <summary>
/// Reads a stream through a consumer group and guarantees at-least-once handling with effects applied once per
/// envelope: a batch is handled, then completed in one step (dead letters written, completion markers set,
/// acknowledged). Messages left pending by a consumer that crashed are reclaimed (XAUTOCLAIM) and finished; a
/// message that keeps failing is dead-lettered after <see cref="AtLeastOnceConsumerOptions.MaxDeliveries"/>
/// deliveries instead of looping forever.
/// </summary>
internal sealed partial class AtLeastOnceConsumer
{
    private readonly IMessageBus _bus;
    private readonly MessageHandler _handler;
    private readonly CompletionObserver? _observer;
    private readonly AtLeastOnceConsumerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _processed;
    private long _deadLettered;
    private long _duplicates;
    private long _reclaimed;
    private long _failed;

    /// <summary>Creates a consumer; nothing happens until <see cref="RunAsync"/> or a single step is called.</summary>
    public AtLeastOnceConsumer(IMessageBus bus, ConsumerIdentity identity, MessageHandler handler, AtLeastOnceConsumerOptions? options = null, ILogger<AtLeastOnceConsumer>? logger = null, TimeProvider? timeProvider = null, CompletionObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(handler);
        _bus = bus;
        Identity = identity;
        _handler = handler;
        _observer = observer;
        _options = options ?? new AtLeastOnceConsumerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxDeliveries, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ReadAhead, 1, nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The stream, group and consumer name this consumer reads as.</summary>
    public ConsumerIdentity Identity { get; }

    /// <summary>Messages processed (first completion of their key) and acknowledged.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Messages written to the dead-letter stream (first completion of their key) and acknowledged.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Messages whose key was completed before (a redelivery or a republished envelope): acknowledged
    /// without repeating their effects.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Messages taken over from a consumer that left them pending.</summary>
    public long Reclaimed => Interlocked.Read(ref _reclaimed);

    /// <summary>Handler calls that threw; those messages stay pending for a retry.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Creates the group if needed, then reads, handles and reclaims until cancelled. A broken
    /// connection to the bus is logged and retried after a pause instead of ending the loop.</summary>
    /// <remarks>The bus is kept busy while a batch is handled: the next reads are already in flight
    /// (<see cref="AtLeastOnceConsumerOptions.ReadAhead"/>), and earlier batches' completions are sent without waiting
    /// for one another (<see cref="CompletionsInFlight{TBatch}"/>). On cancellation the batches read ahead are still
    /// handled and completed (at most <see cref="AtLeastOnceConsumerOptions.ReadAhead"/>, within the read wait), so a
    /// single consumer leaves nothing pending.</remarks>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var nextReclaim = _time.GetUtcNow();
        var ensured = false;
        var reads = new Queue<Task<IReadOnlyList<BusMessage>>>(_options.ReadAhead);
        var completions = new CompletionsInFlight<HandledBatch>(Send, Observe, _options.ReadAhead + 1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!ensured)
                {
                    await _bus.EnsureGroupAsync(Identity.Stream, Identity.Group, cancellationToken);
                    ensured = true;
                }

                if (_time.GetUtcNow() >= nextReclaim)
                {
                    await completions.SettleAsync();
                    await ReclaimOnceAsync(cancellationToken);
                    nextReclaim = _time.GetUtcNow() + _options.ReclaimInterval;
                }

                var batch = await (reads.TryDequeue(out var read) ? read : Read(cancellationToken));

                // More than one read ahead only while there is a backlog: reads that wait for new messages would race
                // for them, and one consumer would no longer see its stream in order.
                var depth = batch.Count >= _options.BatchSize ? _options.ReadAhead : Math.Min(1, batch.Count);
                while (reads.Count < depth)
                {
                    reads.Enqueue(Read(cancellationToken));
                }

                var handled = await HandleAsync(batch, cancellationToken);
                if (handled.Count > 0)
                {
                    await completions.SendAsync(handled);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (BusFailure.Is(e))
            {
                LogBusError(_logger, Identity.Stream, e.GetType().Name, e.Message);

                // What the reads in flight took is still handled and completed where the bus allows; the rest stays
                // pending, to be reclaimed.
                await DrainAsync(reads, completions);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await DrainAsync(reads, completions);
    }

    /// <summary>Reads one batch of new messages (waiting up to the read wait) and finishes it; returns how many were read.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await _bus.ReadAsync(Identity, _options.BatchSize, _options.ReadWait, cancellationToken);
        await FinishAsync(batch, cancellationToken);
        return batch.Count;
    }

    /// <summary>Takes over messages pending longer than the minimum idle time and finishes them; returns how many.</summary>
    public async Task<int> ReclaimOnceAsync(CancellationToken cancellationToken) =>
        await ReclaimOnceAsync(_options.ReclaimMinIdle, cancellationToken);

    /// <summary>Like <see cref="ReclaimOnceAsync(CancellationToken)"/> with an explicit idle threshold.</summary>
    public async Task<int> ReclaimOnceAsync(TimeSpan minIdle, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var batch = await _bus.ReclaimAsync(Identity, minIdle, _options.BatchSize, cancellationToken);
            if (batch.Count > 0)
            {
                LogReclaimed(_logger, batch.Count, Identity.Stream);
                Interlocked.Add(ref _reclaimed, batch.Count);
            }

            await FinishAsync(batch, cancellationToken);
            total += batch.Count;
            if (batch.Count < _options.BatchSize)
            {
                return total;
            }
        }
    }

    private Task<IReadOnlyList<BusMessage>> Read(CancellationToken cancellationToken) =>
        _bus.ReadAsync(Identity, _options.BatchSize, _options.ReadWait, cancellationToken);

    private async Task DrainAsync(Queue<Task<IReadOnlyList<BusMessage>>> reads, CompletionsInFlight<HandledBatch> completions)
    {
        await SettleLoggingFailuresAsync(completions);
        while (reads.TryDequeue(out var read))
        {
            try
            {
                await FinishAsync(await read, CancellationToken.None);
            }
            catch (OperationCanceledException) when (read.IsCanceled)
            {
                // Cancelled by shutdown before it took anything; a read behind it may have.
            }
            catch (Exception e) when (BusFailure.Is(e))
            {
                // Whatever was not completed stays pending and is reclaimed by another consumer.
                LogBusError(_logger, Identity.Stream, e.GetType().Name, e.Message);
            }
        }
    }

    /// <summary>Waits for the completions in flight; a failure is logged (the messages of a failed completion stay
    /// pending until a consumer reclaims them).</summary>
    private async Task SettleLoggingFailuresAsync(CompletionsInFlight<HandledBatch> completions)
    {
        try
        {
            await completions.SettleAsync();
        }
        catch (Exception e) when (BusFailure.Is(e))
        {
            LogBusError(_logger, Identity.Stream, e.GetType().Name, e.Message);
        }
    }

    private async Task FinishAsync(IReadOnlyList<BusMessage> batch, CancellationToken cancellationToken)
    {
        var handled = await HandleAsync(batch, cancellationToken);
        if (handled.Count > 0)
        {
            Observe(handled, await Send(handled));
        }
    }

    private async Task<HandledBatch> HandleAsync(IReadOnlyList<BusMessage> batch, CancellationToken cancellationToken)
    {
        var handled = new HandledBatch(batch.Count);
        foreach (var message in batch)
        {
            MessageOutcome outcome;
            if (message.DeliveryCount > _options.MaxDeliveries)
            {
                outcome = MessageOutcome.DeadLetter($"not processed after {message.DeliveryCount - 1} deliveries");
            }
            else
            {
                try
                {
                    outcome = await _handler(message, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Shutting down: what was handled is completed; the rest stays pending for reclaim.
                    break;
                }
                catch (Exception e)
                {
                    // Not completed: it stays pending and comes back through reclaim, up to MaxDeliveries.
                    Interlocked.Increment(ref _failed);
                    LogHandlerFailed(_logger, e, message.Id, Identity.Stream, message.DeliveryCount);
                    continue;
                }
            }

            handled.Add((new MessageCompletion(message, outcome.Key ?? message.Id, outcome.DeadLetterReason), outcome));
        }

        return handled;
    }

    // The work is done: the bookkeeping is finished even when shutdown was requested meanwhile, or the messages would
    // be handled twice. The bus's own command timeout bounds this call.
    private Task<IReadOnlyList<bool>> Send(HandledBatch handled) =>
        _bus.CompleteAsync(Identity, handled.Select(h => h.Completion).ToArray(), _options.IdempotencyWindow, CancellationToken.None);

    private void Observe(HandledBatch handled, IReadOnlyList<bool> firsts)
    {
        for (var i = 0; i < handled.Count; i++)
        {
            var ((message, _, _), outcome) = handled[i];
            if (!firsts[i])
            {
                Interlocked.Increment(ref _duplicates);
            }
            else if (outcome.DeadLetterReason is { } reason)
            {
                Interlocked.Increment(ref _deadLettered);
                LogDeadLettered(_logger, message.Id, Identity.Stream, reason);
            }
            else
            {
                Interlocked.Increment(ref _processed);
            }

            _observer?.Invoke(message, outcome, firsts[i]);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Dead-lettered message {MessageId} from {Stream}: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string messageId, string stream, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Handler failed for message {MessageId} from {Stream} (delivery {DeliveryCount}); it stays pending for a retry")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string messageId, string stream, long deliveryCount);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Reclaimed {Count} pending messages on {Stream}")]
    private static partial void LogReclaimed(ILogger logger, int count, string stream);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Bus error on {Stream} ({ErrorType}): {Error}; retrying in 1 s")]
    private static partial void LogBusError(ILogger logger, string stream, string errorType, string error);
}
