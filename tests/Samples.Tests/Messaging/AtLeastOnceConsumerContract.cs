using System.Collections.Concurrent;
using System.Text;
using CoreRegistryClient.Samples.Messaging;

namespace CoreRegistryClient.Samples.Tests.Messaging;

/// <summary>At-least-once behaviour of <see cref="AtLeastOnceConsumer"/>, run on both buses.</summary>
public abstract class AtLeastOnceConsumerContract
{
    private IMessageBus _bus = null!;
    private string _stream = null!;

    private protected abstract IMessageBus CreateBus();

    [SetUp]
    public async Task CreateBusAndGroup()
    {
        _bus = CreateBus();
        _stream = StreamNames.Feedback("alo-" + Guid.NewGuid().ToString("N")[..8]);
        await _bus.EnsureGroupAsync(_stream, StreamNames.PipelineGroup);
    }

    [TearDown]
    public async Task DisposeBus() => await _bus.DisposeAsync();

    private AtLeastOnceConsumer Consumer(string name, MessageHandler handler, int maxDeliveries = 5, CompletionObserver? observer = null, int readAhead = 2) =>
        new(_bus, new ConsumerIdentity(_stream, StreamNames.PipelineGroup, name), handler, new AtLeastOnceConsumerOptions { ReadWait = TimeSpan.FromMilliseconds(50), MaxDeliveries = maxDeliveries, BatchSize = 8, ReadAhead = readAhead }, observer: observer);

    private async Task<long> Pending() => await _bus.GetPendingCountAsync(_stream, StreamNames.PipelineGroup);

    [Test]
    public async Task Processed_and_dead_lettered_messages_are_both_acknowledged()
    {
        await _bus.PublishAsync(_stream, "good"u8.ToArray());
        var badId = await _bus.PublishAsync(_stream, "bad"u8.ToArray());
        var consumer = Consumer("c", (m, _) => ValueTask.FromResult(Encoding.UTF8.GetString(m.Data.Span) == "bad" ? MessageOutcome.DeadLetter("invalid") : MessageOutcome.Processed));

        await consumer.PollOnceAsync(CancellationToken.None);
        var letters = await _bus.PeekDeadLettersAsync(StreamNames.DeadLetter(_stream), 10);
        Assert.Multiple(async () =>
        {
            Assert.That((consumer.Processed, consumer.DeadLettered), Is.EqualTo((1L, 1L)));
            Assert.That(letters.Select(l => (l.OriginalId, l.Reason)), Is.EqualTo(new[] { (badId, "invalid") }));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task A_message_whose_handler_throws_stays_pending_and_is_finished_after_reclaim()
    {
        await _bus.PublishAsync(_stream, "flaky"u8.ToArray());
        var attempts = 0;
        var consumer = Consumer("c", (_, _) => ++attempts == 1 ? throw new IOException("downstream down") : ValueTask.FromResult(MessageOutcome.Processed));

        await consumer.PollOnceAsync(CancellationToken.None);
        var pendingAfterFailure = await Pending();
        var reclaimed = await consumer.ReclaimOnceAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That((pendingAfterFailure, consumer.Failed), Is.EqualTo((1L, 1L)));
            Assert.That((reclaimed, consumer.Processed, attempts), Is.EqualTo((1, 1L, 2)));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task Work_a_crashed_consumer_left_pending_is_finished_by_a_survivor()
    {
        for (var i = 0; i < 5; i++)
        {
            await _bus.PublishAsync(_stream, Encoding.UTF8.GetBytes($"m{i}"));
        }

        // The crashed consumer read everything and died before acknowledging anything.
        _ = await _bus.ReadAsync(new ConsumerIdentity(_stream, StreamNames.PipelineGroup, "crashed"), 10, TimeSpan.FromSeconds(5));
        var seen = new ConcurrentBag<string>();
        var survivor = Consumer("survivor", (m, _) =>
        {
            seen.Add(Encoding.UTF8.GetString(m.Data.Span));
            return ValueTask.FromResult(MessageOutcome.Processed);
        });

        var reclaimed = await survivor.ReclaimOnceAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That((reclaimed, survivor.Reclaimed, survivor.Processed), Is.EqualTo((5, 5L, 5L)));
            Assert.That(seen.Order(), Is.EqualTo(new[] { "m0", "m1", "m2", "m3", "m4" }));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task A_message_that_keeps_failing_is_dead_lettered_after_max_deliveries()
    {
        var id = await _bus.PublishAsync(_stream, "poison"u8.ToArray());
        var calls = 0;
        var consumer = Consumer("c", (_, _) =>
        {
            calls++;
            throw new InvalidOperationException("boom");
        }, maxDeliveries: 3);

        await consumer.PollOnceAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await consumer.ReclaimOnceAsync(TimeSpan.Zero, CancellationToken.None);
        }

        var letters = await _bus.PeekDeadLettersAsync(StreamNames.DeadLetter(_stream), 10);
        Assert.Multiple(async () =>
        {
            Assert.That(calls, Is.EqualTo(3));
            Assert.That(letters.Select(l => (l.OriginalId, l.Reason)), Is.EqualTo(new[] { (id, "not processed after 3 deliveries") }));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task A_republished_envelope_is_acknowledged_as_a_duplicate_and_its_effects_are_not_repeated()
    {
        // Keyed by content, as the pipeline keys by envelope id: the second copy is the same envelope.
        await _bus.PublishAsync(_stream, "envelope-1"u8.ToArray());
        await _bus.PublishAsync(_stream, "envelope-1"u8.ToArray());
        await _bus.PublishAsync(_stream, "envelope-2"u8.ToArray());
        var effects = new List<(string, bool)>();
        var consumer = Consumer(
            "c",
            (m, _) => ValueTask.FromResult(MessageOutcome.Processed.WithKey(Encoding.UTF8.GetString(m.Data.Span))),
            observer: (m, _, first) => effects.Add((Encoding.UTF8.GetString(m.Data.Span), first)));

        await consumer.PollOnceAsync(CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(effects, Is.EqualTo(new[] { ("envelope-1", true), ("envelope-1", false), ("envelope-2", true) }));
            Assert.That((consumer.Processed, consumer.Duplicates), Is.EqualTo((2L, 1L)));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task A_handler_failure_leaves_only_that_message_pending_and_finishes_the_rest_of_the_batch()
    {
        await _bus.PublishBatchAsync(_stream, ["a"u8.ToArray(), "boom"u8.ToArray(), "c"u8.ToArray()]);
        var consumer = Consumer("c", (m, _) => Encoding.UTF8.GetString(m.Data.Span) == "boom" ? throw new IOException("down") : ValueTask.FromResult(MessageOutcome.Processed));
        await consumer.PollOnceAsync(CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That((consumer.Processed, consumer.Failed), Is.EqualTo((2L, 1L)));
            Assert.That(await Pending(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Run_loop_handles_everything_published_and_stops_on_cancellation()
    {
        const int Count = 50;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = 0;
        var consumer = Consumer("runner", (_, _) =>
        {
            if (Interlocked.Increment(ref handled) == Count)
            {
                done.TrySetResult();
            }

            return ValueTask.FromResult(MessageOutcome.Processed);
        });

        using var stop = new CancellationTokenSource();
        var run = consumer.RunAsync(stop.Token);
        for (var i = 0; i < Count; i++)
        {
            await _bus.PublishAsync(_stream, Encoding.UTF8.GetBytes($"{i}"));
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Multiple(async () =>
        {
            Assert.That(consumer.Processed, Is.EqualTo(Count));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [TestCase(1)]
    [TestCase(3)]
    public async Task Stopped_mid_backlog_with_reads_in_flight_a_consumer_completes_all_it_read_and_a_successor_takes_the_rest(int readAhead)
    {
        const int Count = 200;
        await _bus.PublishBatchAsync(_stream, Enumerable.Range(0, Count).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"{i}")).ToArray());
        var seen = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var first = Consumer("first", (m, _) =>
        {
            seen.AddOrUpdate(m.Id, 1, (_, n) => n + 1);
            if (seen.Count == 20)
            {
                stop.Cancel();
            }

            return ValueTask.FromResult(MessageOutcome.Processed);
        }, readAhead: readAhead);

        await first.RunAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(60));
        var pendingAfterStop = await Pending();
        var second = Consumer("second", (m, _) =>
        {
            seen.AddOrUpdate(m.Id, 1, (_, n) => n + 1);
            return ValueTask.FromResult(MessageOutcome.Processed);
        });
        while (await second.PollOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)) > 0)
        {
        }

        Assert.Multiple(async () =>
        {
            Assert.That(pendingAfterStop, Is.Zero, "everything the first consumer read, ahead or not, was completed");
            Assert.That(first.Processed, Is.GreaterThan(24).And.LessThan(Count), "past the batch in hand (messages 17-24): what was read ahead was handled too");
            Assert.That(first.Processed + second.Processed, Is.EqualTo(Count));
            Assert.That(seen.Values, Has.All.EqualTo(1), "no message handled twice");
            Assert.That(seen, Has.Count.EqualTo(Count));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task Completions_are_observed_in_the_order_the_messages_were_read()
    {
        const int Count = 400;
        var published = await _bus.PublishBatchAsync(_stream, Enumerable.Range(0, Count).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"{i}")).ToArray());
        var observed = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = Consumer(
            "ordered",
            (m, _) => ValueTask.FromResult(m.Id == published[^1] ? MessageOutcome.DeadLetter("last one") : MessageOutcome.Processed),
            observer: (m, _, _) =>
            {
                lock (observed)
                {
                    observed.Add(m.Id);
                    if (observed.Count == Count)
                    {
                        done.TrySetResult();
                    }
                }
            });

        using var stop = new CancellationTokenSource();
        var run = consumer.RunAsync(stop.Token);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Multiple(async () =>
        {
            Assert.That(observed, Is.EqualTo(published));
            Assert.That((consumer.Processed, consumer.DeadLettered, consumer.Duplicates), Is.EqualTo((Count - 1L, 1L, 0L)));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task A_consumer_without_a_backlog_handles_each_new_message_promptly_and_in_order()
    {
        // Reads that wait for new messages would race for them: the loop could wait a whole read wait (10 s here) on
        // one read while another had taken the message.
        var handled = new List<string>();
        var arrived = new SemaphoreSlim(0);
        var consumer = new AtLeastOnceConsumer(
            _bus,
            new ConsumerIdentity(_stream, StreamNames.PipelineGroup, "idle"),
            (m, _) =>
            {
                lock (handled)
                {
                    handled.Add(Encoding.UTF8.GetString(m.Data.Span));
                }

                arrived.Release();
                return ValueTask.FromResult(MessageOutcome.Processed);
            },
            new AtLeastOnceConsumerOptions { ReadWait = TimeSpan.FromSeconds(10), BatchSize = 8, ReadAhead = 3 });

        using var stop = new CancellationTokenSource();
        var run = consumer.RunAsync(stop.Token);
        for (var i = 0; i < 5; i++)
        {
            await _bus.PublishAsync(_stream, Encoding.UTF8.GetBytes($"m{i}"));
            Assert.That(await arrived.WaitAsync(TimeSpan.FromSeconds(5)), Is.True, $"m{i} was handled within half the read wait");
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Multiple(async () =>
        {
            Assert.That(handled, Is.EqualTo(new[] { "m0", "m1", "m2", "m3", "m4" }));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public void A_read_ahead_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AtLeastOnceConsumer(_bus, new ConsumerIdentity(_stream, StreamNames.PipelineGroup, "c"), (_, _) => ValueTask.FromResult(MessageOutcome.Processed), new AtLeastOnceConsumerOptions { ReadAhead = 0 }));
}

[TestFixture]
public sealed class InMemoryAtLeastOnceConsumerTests : AtLeastOnceConsumerContract
{
    private protected override IMessageBus CreateBus() => new InMemoryMessageBus();
}
