using CoreRegistryClient.Samples.Messaging;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Tests.Messaging;

/// <summary><see cref="CompletionsInFlight{TBatch}"/> against a bus whose answers the test releases one by one.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class CompletionsInFlightTests
{
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

        await completions.SendAsync("a").WaitAsync(TimeSpan.FromSeconds(10));
        await completions.SendAsync("b").WaitAsync(TimeSpan.FromSeconds(10));

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
        await completions.SendAsync("a");
        await completions.SendAsync("b");
        await completions.SendAsync("c");

        Answer("c");
        Answer("b");
        Answer("a");
        await completions.SettleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(_observed, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public async Task With_the_limit_outstanding_a_send_waits_for_the_oldest_answer()
    {
        var completions = Completions(limit: 2);
        await completions.SendAsync("a");
        await completions.SendAsync("b");

        var third = completions.SendAsync("c");
        var sentBeforeAnswer = _sent.ToArray();
        Answer("a");
        await third.WaitAsync(TimeSpan.FromSeconds(10));

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
        await completions.SendAsync("a");
        _answers["a"].SetException(new RedisException("gone"));

        var failure = Assert.ThrowsAsync<RedisException>(() => completions.SendAsync("b"));
        await completions.SendAsync("c");
        Answer("b");
        Answer("c");
        await completions.SettleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain("gone"));
            Assert.That(_sent, Is.EqualTo(new[] { "a", "b", "c" }), "the batch after the failure was sent before the failure was thrown");
            Assert.That(_observed, Is.EqualTo(new[] { "b", "c" }));
        });
    }

    [Test]
    public async Task Settling_waits_for_every_answer_then_throws_the_failure_of_the_first_batch_sent()
    {
        var completions = Completions(limit: 3);
        await completions.SendAsync("a");
        await completions.SendAsync("b");
        await completions.SendAsync("c");
        var settled = completions.SettleAsync();

        _answers["c"].SetException(new RedisException("c failed"));
        _answers["b"].SetException(new RedisException("b failed"));
        var settledBeforeA = settled.IsCompleted;
        Answer("a");

        var failure = Assert.ThrowsAsync<RedisException>(() => settled.WaitAsync(TimeSpan.FromSeconds(10)));
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

        await completions.SendAsync("a");
        await completions.SendAsync("b");
        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => completions.SendAsync("c"));
        await completions.SettleAsync();

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Is.EqualTo("NOGROUP"));
            Assert.That(_observed, Is.EqualTo(new[] { "a", "c" }));
        });
    }

    [Test]
    public void A_limit_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Completions(limit: 0));
}
