using System.Text;
using CoreRegistryClient.Samples.Messaging;

namespace CoreRegistryClient.Samples.Tests.Messaging;

/// <summary>What every <see cref="IMessageBus"/> must do, run against the in-memory bus and a real Redis.</summary>
public abstract class MessageBusContract
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private IMessageBus _bus = null!;
    private string _stream = null!;

    private protected abstract IMessageBus CreateBus();

    private ConsumerIdentity Consumer(string name = "c1") => new(_stream, StreamNames.PipelineGroup, name);

    private Task<long> Pending() => _bus.GetPendingCountAsync(_stream, StreamNames.PipelineGroup);

    private Task<IReadOnlyList<bool>> Complete(string consumer, params MessageCompletion[] completions) =>
        _bus.CompleteAsync(Consumer(consumer), completions, Window);

    [SetUp]
    public async Task CreateBusAndGroup()
    {
        _bus = CreateBus();
        _stream = StreamNames.Feedback("test-" + Guid.NewGuid().ToString("N")[..8]);
        await _bus.EnsureGroupAsync(_stream, StreamNames.PipelineGroup);
    }

    [TearDown]
    public async Task DisposeBus() => await _bus.DisposeAsync();

    [Test]
    public async Task Published_message_is_delivered_to_a_consumer_and_stays_pending_until_completed()
    {
        var id = await _bus.PublishAsync(_stream, "{\"n\":1}"u8.ToArray());
        var read = await _bus.ReadAsync(Consumer(), 10, TimeSpan.FromSeconds(5));
        var pendingBeforeCompletion = await Pending();
        var first = await Complete("c1", new MessageCompletion(read[0], "envelope-1", null));
        Assert.Multiple(async () =>
        {
            Assert.That(read.Select(m => (m.Id, Encoding.UTF8.GetString(m.Data.Span), m.DeliveryCount, m.Stream)), Is.EqualTo(new[] { (id, "{\"n\":1}", 1L, _stream) }));
            Assert.That(pendingBeforeCompletion, Is.EqualTo(1));
            Assert.That(first, Is.EqualTo(new[] { true }));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task Batch_publish_keeps_order_and_returns_each_id()
    {
        var ids = await _bus.PublishBatchAsync(_stream, Enumerable.Range(0, 50).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"m{i}")).ToArray());
        var read = await _bus.ReadAsync(Consumer(), 100, TimeSpan.FromSeconds(5));
        Assert.Multiple(() =>
        {
            Assert.That(read.Select(m => m.Id), Is.EqualTo(ids));
            Assert.That(read.Select(m => Encoding.UTF8.GetString(m.Data.Span)), Is.EqualTo(Enumerable.Range(0, 50).Select(i => $"m{i}")));
        });
    }

    [Test]
    public async Task Each_message_goes_to_exactly_one_consumer_of_the_group()
    {
        for (var i = 0; i < 6; i++)
        {
            await _bus.PublishAsync(_stream, Encoding.UTF8.GetBytes($"{i}"));
        }

        var first = await _bus.ReadAsync(Consumer("a"), 4, TimeSpan.FromSeconds(5));
        var second = await _bus.ReadAsync(Consumer("b"), 10, TimeSpan.FromSeconds(5));
        var third = await _bus.ReadAsync(Consumer("a"), 10, TimeSpan.FromMilliseconds(20));
        var all = first.Concat(second).Select(m => Encoding.UTF8.GetString(m.Data.Span));
        Assert.Multiple(() =>
        {
            Assert.That((first.Count, second.Count, third.Count), Is.EqualTo((4, 2, 0)));
            Assert.That(all, Is.EqualTo(new[] { "0", "1", "2", "3", "4", "5" }));
        });
    }

    [Test]
    public async Task A_waiting_read_returns_a_message_published_while_it_waits()
    {
        var reading = _bus.ReadAsync(Consumer(), 10, TimeSpan.FromSeconds(30));
        var id = await _bus.PublishAsync(_stream, "late"u8.ToArray());
        var read = await reading.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That(read.Select(m => m.Id), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task After_a_backlog_read_in_full_batches_a_read_still_waits_for_a_message_published_while_it_waits()
    {
        var ids = await _bus.PublishBatchAsync(_stream, Enumerable.Range(0, 8).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"m{i}")).ToArray());
        var first = await _bus.ReadAsync(Consumer(), 4, TimeSpan.FromSeconds(5));
        var second = await _bus.ReadAsync(Consumer(), 4, TimeSpan.FromSeconds(5));

        // Both reads filled their batch, so the bus cannot know the stream is drained: this read must still wait.
        var reading = _bus.ReadAsync(Consumer(), 4, TimeSpan.FromSeconds(30));
        var late = await _bus.PublishAsync(_stream, "late"u8.ToArray());
        var third = await reading.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Multiple(async () =>
        {
            Assert.That(first.Concat(second).Select(m => m.Id), Is.EqualTo(ids));
            Assert.That(first.Concat(second).Select(m => Encoding.UTF8.GetString(m.Data.Span)), Is.EqualTo(Enumerable.Range(0, 8).Select(i => $"m{i}")));
            Assert.That(third.Select(m => (m.Id, Encoding.UTF8.GetString(m.Data.Span), m.DeliveryCount)), Is.EqualTo(new[] { (late, "late", 1L) }));
            Assert.That(await Pending(), Is.EqualTo(9));
        });
    }

    [Test]
    public async Task A_read_with_nothing_to_deliver_returns_empty_after_its_wait() =>
        Assert.That(await _bus.ReadAsync(Consumer(), 10, TimeSpan.FromMilliseconds(20)), Is.Empty);

    [Test]
    public async Task Group_created_after_publishing_still_receives_the_earlier_messages()
    {
        var stream = StreamNames.Feedback("late-" + Guid.NewGuid().ToString("N")[..8]);
        var id = await _bus.PublishAsync(stream, "early"u8.ToArray());
        await _bus.EnsureGroupAsync(stream, "g");
        await _bus.EnsureGroupAsync(stream, "g");
        var read = await _bus.ReadAsync(new ConsumerIdentity(stream, "g", "c"), 10, TimeSpan.FromSeconds(5));
        Assert.That(read.Select(m => m.Id), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task Dead_letter_keeps_original_id_reason_and_data_byte_for_byte_and_acknowledges()
    {
        var data = Encoding.UTF8.GetBytes("{\"payload\":\"ünïcødé \\r\\n\"}").Append((byte)0xFF).ToArray();
        var id = await _bus.PublishAsync(_stream, data);
        var message = (await _bus.ReadAsync(Consumer(), 1, TimeSpan.FromSeconds(5))).Single();
        await Complete("c1", new MessageCompletion(message, "envelope-1", "telemetry.FeedbackEvent: /queue_size must be >= 0"));
        var letters = await _bus.PeekDeadLettersAsync(StreamNames.DeadLetter(_stream), 10);
        Assert.Multiple(async () =>
        {
            Assert.That(letters.Select(l => (l.OriginalId, l.Reason)), Is.EqualTo(new[] { (id, "telemetry.FeedbackEvent: /queue_size must be >= 0") }));
            Assert.That(letters[0].Data.ToArray(), Is.EqualTo(data));
            Assert.That(await _bus.GetLengthAsync(StreamNames.DeadLetter(_stream)), Is.EqualTo(1));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task An_envelope_completed_twice_has_its_effects_once_and_both_copies_are_acknowledged()
    {
        // The same envelope on the stream twice (a producer retried), each copy dead-lettered by a different consumer.
        await _bus.PublishAsync(_stream, "copy"u8.ToArray());
        await _bus.PublishAsync(_stream, "copy"u8.ToArray());
        var a = (await _bus.ReadAsync(Consumer("a"), 1, TimeSpan.FromSeconds(5))).Single();
        var b = (await _bus.ReadAsync(Consumer("b"), 1, TimeSpan.FromSeconds(5))).Single();
        var first = await Complete("a", new MessageCompletion(a, "envelope-7", "invalid"));
        var second = await Complete("b", new MessageCompletion(b, "envelope-7", "invalid"));
        Assert.Multiple(async () =>
        {
            Assert.That((first[0], second[0]), Is.EqualTo((true, false)));
            Assert.That(await _bus.GetLengthAsync(StreamNames.DeadLetter(_stream)), Is.EqualTo(1));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task A_batch_completion_reports_each_message_in_order()
    {
        var ids = await _bus.PublishBatchAsync(_stream, Enumerable.Range(0, 4).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"{i}")).ToArray());
        var read = await _bus.ReadAsync(Consumer(), 10, TimeSpan.FromSeconds(5));
        var firsts = await Complete("c1",
            new MessageCompletion(read[0], "k0", null),
            new MessageCompletion(read[1], "k1", "bad"),
            new MessageCompletion(read[2], "k0", null),
            new MessageCompletion(read[3], "k3", null));
        var letters = await _bus.PeekDeadLettersAsync(StreamNames.DeadLetter(_stream), 10);
        Assert.Multiple(async () =>
        {
            Assert.That(firsts, Is.EqualTo(new[] { true, true, false, true }));
            Assert.That(letters.Select(l => l.OriginalId), Is.EqualTo(new[] { ids[1] }));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task A_completion_of_thousands_reports_duplicates_at_their_positions_across_the_whole_batch()
    {
        // Larger than the Redis script's chunk of 1,000 arguments per command: duplicates of an earlier batch and of
        // the same batch sit on both sides of each chunk boundary, and some of them are dead letters.
        const int size = 2_500;
        await _bus.PublishBatchAsync(_stream, Enumerable.Range(0, size + 3).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"{i}")).ToArray());
        var earlier = await _bus.ReadAsync(Consumer(), 3, TimeSpan.FromSeconds(5));
        await Complete("c1", new MessageCompletion(earlier[0], "k999", null), new MessageCompletion(earlier[1], "k1000", "bad"), new MessageCompletion(earlier[2], "k2499", null));
        var read = await _bus.ReadAsync(Consumer(), size, TimeSpan.FromSeconds(5));
        string Key(int i) => i switch { 1001 => "k998", 2000 => "k1999", _ => $"k{i}" };
        var firsts = await _bus.CompleteAsync(Consumer(), read.Select((m, i) => new MessageCompletion(m, Key(i), i % 10 == 0 ? "bad" : null)).ToArray(), Window);

        var duplicates = new[] { 999, 1000, 1001, 2000, 2499 };
        var letters = await _bus.PeekDeadLettersAsync(StreamNames.DeadLetter(_stream), 2 * size);
        Assert.Multiple(async () =>
        {
            Assert.That(read, Has.Count.EqualTo(size));
            Assert.That(Enumerable.Range(0, size).Where(i => !firsts[i]), Is.EqualTo(duplicates));
            Assert.That(letters.Select(l => l.OriginalId), Is.EqualTo(new[] { earlier[1].Id }.Concat(read.Where((_, i) => i % 10 == 0 && !duplicates.Contains(i)).Select(m => m.Id))));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task A_completion_of_thousands_of_new_keys_marks_every_one_and_a_redelivery_finds_them_all()
    {
        // The usual batch: no key seen before, so the Redis script marks the pairs straight from its arguments in
        // chunks; every chunk must land, which the redelivery of the same keys then shows.
        const int size = 2_345;
        await _bus.PublishBatchAsync(_stream, Enumerable.Range(0, 2 * size).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"{i}")).ToArray());
        var first = await _bus.ReadAsync(Consumer(), size, TimeSpan.FromSeconds(5));
        var firsts = await _bus.CompleteAsync(Consumer(), first.Select((m, i) => new MessageCompletion(m, $"new{i}", null)).ToArray(), Window);
        var again = await _bus.ReadAsync(Consumer(), size, TimeSpan.FromSeconds(5));
        var seconds = await _bus.CompleteAsync(Consumer(), again.Select((m, i) => new MessageCompletion(m, $"new{i}", null)).ToArray(), Window);

        Assert.Multiple(async () =>
        {
            Assert.That((first.Count, again.Count), Is.EqualTo((size, size)));
            Assert.That(firsts, Is.All.True, "first completions");
            Assert.That(seconds, Is.All.False, "the same keys completed again");
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task Envelope_keys_that_differ_only_in_lone_surrogates_are_one_key()
    {
        // Redis stores keys as UTF-8, where every lone surrogate becomes U+FFFD: the two ids below are the same key
        // there, so every bus must treat them as one, within a batch and across batches.
        await _bus.PublishBatchAsync(_stream, ["a"u8.ToArray(), "b"u8.ToArray(), "c"u8.ToArray()]);
        var read = await _bus.ReadAsync(Consumer(), 3, TimeSpan.FromSeconds(5));
        var batch = await Complete("c1", new MessageCompletion(read[0], "id-\uD800", null), new MessageCompletion(read[1], "id-\uDBFF", null));
        var later = await Complete("c1", new MessageCompletion(read[2], "id-\uDC00", null));
        Assert.Multiple(async () =>
        {
            Assert.That(batch, Is.EqualTo(new[] { true, false }));
            Assert.That(later, Is.EqualTo(new[] { false }));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task Completion_markers_belong_to_one_group()
    {
        await _bus.PublishAsync(_stream, "x"u8.ToArray());
        await _bus.EnsureGroupAsync(_stream, "audit");
        var pipeline = (await _bus.ReadAsync(Consumer(), 1, TimeSpan.FromSeconds(5))).Single();
        var audit = (await _bus.ReadAsync(new ConsumerIdentity(_stream, "audit", "c"), 1, TimeSpan.FromSeconds(5))).Single();
        var first = await Complete("c1", new MessageCompletion(pipeline, "envelope-1", null));
        var other = await _bus.CompleteAsync(new ConsumerIdentity(_stream, "audit", "c"), [new MessageCompletion(audit, "envelope-1", null)], Window);
        Assert.That((first[0], other[0]), Is.EqualTo((true, true)));
    }

    [Test]
    public async Task A_completion_marker_is_forgotten_after_the_window()
    {
        var ids = await _bus.PublishBatchAsync(_stream, ["a"u8.ToArray(), "b"u8.ToArray()]);
        var read = await _bus.ReadAsync(Consumer(), 10, TimeSpan.FromSeconds(5));
        var first = await _bus.CompleteAsync(Consumer(), [new MessageCompletion(read[0], "short-lived", null)], TimeSpan.FromMilliseconds(50));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        IReadOnlyList<bool> later;
        do
        {
            await Task.Delay(100);
            later = await _bus.CompleteAsync(Consumer(), [new MessageCompletion(read[1], "short-lived", null)], TimeSpan.FromMilliseconds(50));
        }
        while (!later[0] && DateTime.UtcNow < deadline);

        Assert.That((first[0], later[0], ids.Count), Is.EqualTo((true, true, 2)));
    }

    [Test]
    public async Task Messages_a_crashed_consumer_left_pending_are_reclaimed_by_another()
    {
        var ids = new[] { await _bus.PublishAsync(_stream, "1"u8.ToArray()), await _bus.PublishAsync(_stream, "2"u8.ToArray()) };
        _ = await _bus.ReadAsync(Consumer("crashed"), 10, TimeSpan.FromSeconds(5));

        var reclaimed = await _bus.ReclaimAsync(Consumer("survivor"), TimeSpan.Zero, 10);
        var firsts = await Complete("survivor", reclaimed.Select(m => new MessageCompletion(m, m.Id, null)).ToArray());
        Assert.Multiple(async () =>
        {
            Assert.That(reclaimed.Select(m => (m.Id, m.DeliveryCount)), Is.EqualTo(ids.Select(id => (id, 2L))));
            Assert.That(firsts, Is.EqualTo(new[] { true, true }));
            Assert.That(await Pending(), Is.Zero);
        });
    }

    [Test]
    public async Task Reclaim_leaves_messages_that_have_not_been_idle_long_enough()
    {
        await _bus.PublishAsync(_stream, "busy"u8.ToArray());
        _ = await _bus.ReadAsync(Consumer("working"), 10, TimeSpan.FromSeconds(5));
        var reclaimed = await _bus.ReclaimAsync(Consumer("other"), TimeSpan.FromHours(1), 10);
        Assert.Multiple(async () =>
        {
            Assert.That(reclaimed, Is.Empty);
            Assert.That(await Pending(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Reclaim_takes_at_most_the_requested_count()
    {
        for (var i = 0; i < 5; i++)
        {
            await _bus.PublishAsync(_stream, "x"u8.ToArray());
        }

        _ = await _bus.ReadAsync(Consumer("crashed"), 10, TimeSpan.FromSeconds(5));
        var first = await _bus.ReclaimAsync(Consumer("s"), TimeSpan.Zero, 3);
        Assert.That(first, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Length_counts_entries_and_is_zero_for_a_stream_that_does_not_exist()
    {
        await _bus.PublishAsync(_stream, "a"u8.ToArray());
        await _bus.PublishAsync(_stream, "b"u8.ToArray());
        _ = await _bus.ReadAsync(Consumer(), 10, TimeSpan.FromSeconds(5));
        Assert.Multiple(async () =>
        {
            Assert.That(await _bus.GetLengthAsync(_stream), Is.EqualTo(2), "reading does not remove entries");
            Assert.That(await _bus.GetLengthAsync("no-such-stream-" + Guid.NewGuid()), Is.Zero);
        });
    }

    [Test]
    public async Task Ids_increase_in_publish_order()
    {
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await _bus.PublishAsync(_stream, "x"u8.ToArray()));
        }

        var parsed = ids.Select(id => id.Split('-').Select(long.Parse).ToArray()).Select(p => (p[0], p[1])).ToList();
        Assert.That(parsed, Is.Ordered.Ascending);
    }
}
