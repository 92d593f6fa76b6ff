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
        var stream = StreamNames.Feedback("pipelined");
        await bus.EnsureGroupAsync(stream, StreamNames.PipelineGroup);
        await bus.PublishBatchAsync(stream, Enumerable.Range(0, 64).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"{i}")).ToArray());
        var observed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AtLeastOnceConsumer(
            bus,
            new ConsumerIdentity(stream, StreamNames.PipelineGroup, "c"),
            (_, _) => ValueTask.FromResult(MessageOutcome.Processed),
            new AtLeastOnceConsumerOptions { ReadWait = TimeSpan.FromMilliseconds(50), BatchSize = 8, ReadAhead = 2 },
            observer: (_, _, _) =>
            {
                if (Interlocked.Increment(ref observed) == 64)
                {
                    done.TrySetResult();
                }
            });

        using var stop = new CancellationTokenSource();
        var run = consumer.RunAsync(stop.Token);

        // A consumer that waited for each answer before sending the next completion would never see one here.
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Multiple(async () =>
        {
            Assert.That(consumer.Processed, Is.EqualTo(64));
            Assert.That(bus.MostUnanswered, Is.EqualTo(2));
            Assert.That(await bus.GetPendingCountAsync(stream, StreamNames.PipelineGroup), Is.Zero);
        });
    }

    /// <summary>An in-memory bus that completes at once but holds each answer back until a second completion is unanswered
    /// too, then answers both.</summary>
    private sealed class PairedAnswersBus : IMessageBus
    {
        private readonly InMemoryMessageBus _inner = new();
        private readonly List<(TaskCompletionSource<IReadOnlyList<bool>> Answer, IReadOnlyList<bool> Firsts)> _held = [];

        public int MostUnanswered { get; private set; }

        public async Task<IReadOnlyList<bool>> CompleteAsync(ConsumerIdentity consumer, IReadOnlyList<MessageCompletion> completions, TimeSpan idempotencyWindow, CancellationToken cancellationToken = default)
        {
            var firsts = await _inner.CompleteAsync(consumer, completions, idempotencyWindow, cancellationToken);
            var answer = new TaskCompletionSource<IReadOnlyList<bool>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_held)
            {
                _held.Add((answer, firsts));
                MostUnanswered = Math.Max(MostUnanswered, _held.Count);
                if (_held.Count == 2)
                {
                    _held.ForEach(h => h.Answer.SetResult(h.Firsts));
                    _held.Clear();
                }
            }

            return await answer.Task;
        }

        public Task<string> PublishAsync(string stream, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => _inner.PublishAsync(stream, data, cancellationToken);

        public Task<IReadOnlyList<string>> PublishBatchAsync(string stream, IReadOnlyList<ReadOnlyMemory<byte>> batch, CancellationToken cancellationToken = default) => _inner.PublishBatchAsync(stream, batch, cancellationToken);

        public Task EnsureGroupAsync(string stream, string group, CancellationToken cancellationToken = default) => _inner.EnsureGroupAsync(stream, group, cancellationToken);

        public Task<IReadOnlyList<BusMessage>> ReadAsync(ConsumerIdentity consumer, int maxCount, TimeSpan wait, CancellationToken cancellationToken = default) => _inner.ReadAsync(consumer, maxCount, wait, cancellationToken);

        public Task<IReadOnlyList<BusMessage>> ReclaimAsync(ConsumerIdentity consumer, TimeSpan minIdle, int maxCount, CancellationToken cancellationToken = default) => _inner.ReclaimAsync(consumer, minIdle, maxCount, cancellationToken);

        public Task<long> GetLengthAsync(string stream, CancellationToken cancellationToken = default) => _inner.GetLengthAsync(stream, cancellationToken);

        public Task<long> GetPendingCountAsync(string stream, string group, CancellationToken cancellationToken = default) => _inner.GetPendingCountAsync(stream, group, cancellationToken);

        public Task<IReadOnlyList<DeadLetter>> PeekDeadLettersAsync(string deadLetterStream, int maxCount, CancellationToken cancellationToken = default) => _inner.PeekDeadLettersAsync(deadLetterStream, maxCount, cancellationToken);

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
