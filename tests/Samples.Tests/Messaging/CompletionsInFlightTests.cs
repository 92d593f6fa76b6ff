using CoreRegistryClient.Samples.Messaging;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Tests.Messaging;

/// <summary><see cref="CompletionsInFlight{TBatch}"/> against a bus whose answers the test releases one by one.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class CompletionsInFlightTests
{
    // Every wait is bounded: a regression in the bound or the order would otherwise hang the run.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, TaskCompletionSource<IReadOnlyList<bool>>> _answers = [];
    private readonly List<string> _sent = [];
    private readonly List<string> _observed = [];

    private CompletionsInFlight<string> Completions(int limit) => new(
        batch =>
        {
            _sent.Add(batch);
            // Continuations run inline: releasing an answer observes it before the test goes on.
            var answer = new TaskCompletionSource<IReadOnlyList<bool>>();
            _answers[batch] = answer;
            return answer.Task;
        },
        (batch, _) =>
        {
            lock (_observed)
            {
                _observed.Add(batch);
            }
        },
        limit);

    private void Answer(string batch) => _answers[batch].SetResult([true]);

    [Test]
    public async Task The_next_batch_is_sent_before_the_previous_one_is_answered()
    {
        var completions = Completions(limit: 3);

        await completions.SendAsync("a").WaitAsync(Timeout);
        await completions.SendAsync("b").WaitAsync(Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(_sent, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(_observed, Is.Empty);
        });
    }

    [Test]
    public async Task Answers_arriving_in_reverse_are_observed_in_the_order_sent()
    {
        var completions = Completions(limit: 3);
        await completions.SendAsync("a").WaitAsync(Timeout);
        await completions.SendAsync("b").WaitAsync(Timeout);
        await completions.SendAsync("c").WaitAsync(Timeout);

        Answer("c");
        Answer("b");
        Answer("a");
        await completions.SettleAsync().WaitAsync(Timeout);

        Assert.That(_observed, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public async Task With_the_limit_outstanding_a_send_waits_for_the_oldest_answer()
    {
        var completions = Completions(limit: 2);
        await completions.SendAsync("a").WaitAsync(Timeout);
        await completions.SendAsync("b").WaitAsync(Timeout);

        var third = completions.SendAsync("c");
        var sentBeforeAnswer = _sent.ToArray();
        Answer("a");
        await third.WaitAsync(Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(sentBeforeAnswer, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(_sent, Is.EqualTo(new[] { "a", "b", "c" }));
        });
    }

    [Test]
    public async Task A_failed_completion_is_thrown_once_after_the_next_batch_was_sent_and_later_batches_are_still_observed()
    {
        var completions = Completions(limit: 3);
        await completions.SendAsync("a").WaitAsync(Timeout);
        _answers["a"].SetException(new RedisException("gone"));

        var failure = Assert.ThrowsAsync<RedisException>(() => completions.SendAsync("b").WaitAsync(Timeout));
        await completions.SendAsync("c").WaitAsync(Timeout);
        Answer("b");
        Answer("c");
        await completions.SettleAsync().WaitAsync(Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain("gone"));
            Assert.That(_sent, Is.EqualTo(new[] { "a", "b", "c" }), "the batch after the failure was sent before the failure was thrown");
            Assert.That(_observed, Is.EqualTo(new[] { "b", "c" }));
        });
    }

    [Test]
    public async Task Settling_waits_for_every_answer_then_throws_the_first_failure_in_the_order_sent()
    {
        var completions = Completions(limit: 3);
        await completions.SendAsync("a").WaitAsync(Timeout);
        await completions.SendAsync("b").WaitAsync(Timeout);
        await completions.SendAsync("c").WaitAsync(Timeout);
        var settled = completions.SettleAsync();

        _answers["c"].SetException(new RedisException("c failed"));
        _answers["b"].SetException(new RedisException("b failed"));
        var settledBeforeA = settled.IsCompleted;
        Answer("a");

        var failure = Assert.ThrowsAsync<RedisException>(() => settled.WaitAsync(Timeout));
        Assert.Multiple(() =>
        {
            Assert.That(settledBeforeA, Is.False);
            Assert.That(failure!.Message, Is.EqualTo("b failed"));
            Assert.That(_observed, Is.EqualTo(new[] { "a" }));
        });
    }

    [Test]
    public async Task A_send_that_throws_at_once_is_reported_in_order_like_a_failed_answer()
    {
        var completions = new CompletionsInFlight<string>(
            batch => batch == "b" ? throw new InvalidOperationException("NOGROUP") : Task.FromResult<IReadOnlyList<bool>>([true]),
            (batch, _) => _observed.Add(batch),
            limit: 3);

        await completions.SendAsync("a").WaitAsync(Timeout);
        await completions.SendAsync("b").WaitAsync(Timeout);
        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => completions.SendAsync("c").WaitAsync(Timeout));
        await completions.SettleAsync().WaitAsync(Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Is.EqualTo("NOGROUP"));
            Assert.That(_observed, Is.EqualTo(new[] { "a", "c" }));
        });
    }

    [Test]
    public async Task A_cancelled_answer_counts_as_a_failure_and_later_batches_are_still_observed()
    {
        var completions = Completions(limit: 3);
        await completions.SendAsync("a").WaitAsync(Timeout);
        _answers["a"].SetCanceled();

        var failure = Assert.ThrowsAsync<TaskCanceledException>(() => completions.SendAsync("b").WaitAsync(Timeout));
        Answer("b");
        await completions.SettleAsync().WaitAsync(Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(failure, Is.Not.Null);
            Assert.That(_observed, Is.EqualTo(new[] { "b" }));
        });
    }

    [Test]
    public void A_limit_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Completions(limit: 0));
}
