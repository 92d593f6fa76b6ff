using System.Text;
using CoreRegistryClient.Samples.Messaging;

namespace CoreRegistryClient.Samples.Tests.Messaging;

/// <summary>How <see cref="AtLeastOnceConsumer"/> keeps a bus busy: a batch's completion is sent before the previous
/// batch's answer is back.</summary>
public class AtLeastOnceConsumerPipeliningTests
{
    [Test]
    public async Task The_next_batch_is_completed_while_the_previous_completion_is_still_unanswered()
    {
        await using var bus = new PairedAnswersBus();

        // A consumer that waited for each answer before sending the next completion would never see one here.
        var (consumer, _) = await RunUntilAllObservedAsync(bus, "pipelined", 64, new AtLeastOnceConsumerOptions { ReadWait = TimeSpan.FromMilliseconds(50), BatchSize = 8, ReadAhead = 2 });

        Assert.Multiple(async () =>
        {
            Assert.That(consumer.Processed, Is.EqualTo(64));
            Assert.That(await bus.GetPendingCountAsync(consumer.Identity.Stream, StreamNames.PipelineGroup), Is.Zero);
        });
    }

    [Test]
    public async Task A_completion_that_times_out_is_logged_and_its_messages_are_finished_after_reclaim_without_ending_the_loop()
    {
        await using var bus = new FirstCompletionTimesOutBus();

        var (consumer, runningWhenAllObserved) = await RunUntilAllObservedAsync(bus, "timeout", 32, new AtLeastOnceConsumerOptions { ReadWait = TimeSpan.FromMilliseconds(50), BatchSize = 8, ReclaimMinIdle = TimeSpan.FromMilliseconds(100), ReclaimInterval = TimeSpan.FromMilliseconds(200) });

        Assert.Multiple(async () =>
        {
            Assert.That(runningWhenAllObserved, Is.True, "a timed-out completion does not end the loop");
            Assert.That(consumer.Processed, Is.EqualTo(32));
            Assert.That(consumer.Reclaimed, Is.EqualTo(8), "the batch whose completion timed out came back through reclaim");
            Assert.That(await bus.GetPendingCountAsync(consumer.Identity.Stream, StreamNames.PipelineGroup), Is.Zero);
        });
    }

    /// <summary>Publishes <paramref name="count"/> messages to a new stream on <paramref name="bus"/>, runs a consumer until
    /// every one was observed completed, then stops it; returns the consumer and whether its loop was still running then.</summary>
    private static async Task<(AtLeastOnceConsumer Consumer, bool RunningWhenAllObserved)> RunUntilAllObservedAsync(IMessageBus bus, string name, int count, AtLeastOnceConsumerOptions options)
    {
        var stream = StreamNames.Feedback(name);
        await bus.EnsureGroupAsync(stream, StreamNames.PipelineGroup);
        await bus.PublishBatchAsync(stream, Enumerable.Range(0, count).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"{i}")).ToArray());
        var observed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AtLeastOnceConsumer(
            bus,
            new ConsumerIdentity(stream, StreamNames.PipelineGroup, "c"),
            (_, _) => ValueTask.FromResult(MessageOutcome.Processed),
            options,
            observer: (_, _, _) =>
            {
                if (Interlocked.Increment(ref observed) == count)
                {
                    done.TrySetResult();
                }
            });

        using var stop = new CancellationTokenSource();
        var run = consumer.RunAsync(stop.Token);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var running = !run.IsCompleted;
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        return (consumer, running);
    }

    /// <summary>An in-memory bus whose completions a subclass may hold back or fail.</summary>
    private abstract class CompletionDecorator : IMessageBus
    {
        protected InMemoryMessageBus Inner { get; } = new();

        public abstract Task<IReadOnlyList<bool>> CompleteAsync(ConsumerIdentity consumer, IReadOnlyList<MessageCompletion> completions, TimeSpan idempotencyWindow, CancellationToken cancellationToken = default);

        public Task<string> PublishAsync(string stream, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => Inner.PublishAsync(stream, data, cancellationToken);

        public Task<IReadOnlyList<string>> PublishBatchAsync(string stream, IReadOnlyList<ReadOnlyMemory<byte>> batch, CancellationToken cancellationToken = default) => Inner.PublishBatchAsync(stream, batch, cancellationToken);

        public Task EnsureGroupAsync(string stream, string group, CancellationToken cancellationToken = default) => Inner.EnsureGroupAsync(stream, group, cancellationToken);

        public Task<IReadOnlyList<BusMessage>> ReadAsync(ConsumerIdentity consumer, int maxCount, TimeSpan wait, CancellationToken cancellationToken = default) => Inner.ReadAsync(consumer, maxCount, wait, cancellationToken);

        public Task<IReadOnlyList<BusMessage>> ReclaimAsync(ConsumerIdentity consumer, TimeSpan minIdle, int maxCount, CancellationToken cancellationToken = default) => Inner.ReclaimAsync(consumer, minIdle, maxCount, cancellationToken);

        public Task<long> GetLengthAsync(string stream, CancellationToken cancellationToken = default) => Inner.GetLengthAsync(stream, cancellationToken);

        public Task<long> GetPendingCountAsync(string stream, string group, CancellationToken cancellationToken = default) => Inner.GetPendingCountAsync(stream, group, cancellationToken);

        public Task<IReadOnlyList<DeadLetter>> PeekDeadLettersAsync(string deadLetterStream, int maxCount, CancellationToken cancellationToken = default) => Inner.PeekDeadLettersAsync(deadLetterStream, maxCount, cancellationToken);

        public ValueTask DisposeAsync() => Inner.DisposeAsync();
    }

    /// <summary>Completes at once but holds each answer back until a second completion is unanswered too, then answers
    /// both (so the test's batch count is even: 64 messages in batches of 8).</summary>
    private sealed class PairedAnswersBus : CompletionDecorator
    {
        private readonly List<(TaskCompletionSource<IReadOnlyList<bool>> Answer, IReadOnlyList<bool> Firsts)> _held = [];

        public override async Task<IReadOnlyList<bool>> CompleteAsync(ConsumerIdentity consumer, IReadOnlyList<MessageCompletion> completions, TimeSpan idempotencyWindow, CancellationToken cancellationToken = default)
        {
            var firsts = await Inner.CompleteAsync(consumer, completions, idempotencyWindow, cancellationToken);
            var answer = new TaskCompletionSource<IReadOnlyList<bool>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_held)
            {
                _held.Add((answer, firsts));
                if (_held.Count == 2)
                {
                    _held.ForEach(h => h.Answer.SetResult(h.Firsts));
                    _held.Clear();
                }
            }

            return await answer.Task;
        }
    }

    /// <summary>Its first completion times out as StackExchange.Redis's would (a <see cref="TimeoutException"/>) before
    /// anything is completed; the others go through.</summary>
    private sealed class FirstCompletionTimesOutBus : CompletionDecorator
    {
        private int _completions;

        public override async Task<IReadOnlyList<bool>> CompleteAsync(ConsumerIdentity consumer, IReadOnlyList<MessageCompletion> completions, TimeSpan idempotencyWindow, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return Interlocked.Increment(ref _completions) == 1
                ? throw new TimeoutException("Timeout awaiting response")
                : await Inner.CompleteAsync(consumer, completions, idempotencyWindow, cancellationToken);
        }
    }
}
