using System.Runtime.ExceptionServices;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>
/// Batch completions sent to the bus one after another without waiting for the previous answer, with their answers
/// taken in the order they were sent, and at most a fixed number outstanding.
/// </summary>
/// <remarks>
/// <para>Why: waiting for each completion's answer before sending the next kept <c>redis-server</c> from having the
/// consumer's next request queued, and the consumer waited for replies in most batches (docs/fleet.md, "Keeping
/// redis-server busy"). Each completion is atomic on its own, so one that fails does not undo another: its messages stay
/// pending and come back through reclaim. The order of observation is kept here, whatever order the answers arrive in.</para>
/// <para>One caller at a time (the consumer's loop). <c>observe</c> runs on the thread that completes an answer, one batch
/// at a time.</para>
/// </remarks>
internal sealed class CompletionsInFlight<TBatch>(Func<TBatch, Task<IReadOnlyList<bool>>> send, Action<TBatch, IReadOnlyList<bool>> observe, int limit)
{
    private readonly int _limit = limit >= 1 ? limit : throw new ArgumentOutOfRangeException(nameof(limit), limit, "At least one completion must be allowed outstanding.");
    private readonly Queue<Task> _outstanding = new();
    private Task _last = Task.CompletedTask;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Sends <paramref name="batch"/>'s completions, waiting first only while <c>limit</c> are outstanding. If an
    /// earlier completion has failed, that failure is thrown once this batch is on its way (the batches after a failed
    /// one are still sent and observed).</summary>
    public async Task SendAsync(TBatch batch)
    {
        while (_outstanding.TryPeek(out var oldest) && (oldest.IsCompleted || _outstanding.Count >= _limit))
        {
            await oldest.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Retire(_outstanding.Dequeue());
        }

        Task<IReadOnlyList<bool>> answer;
        try
        {
            answer = send(batch);
        }
        catch (Exception e) when (BusFailure.Is(e))
        {
            // Thrown before anything was sent (a bus without the group, say): reported in order, like an answer that failed.
            answer = Task.FromException<IReadOnlyList<bool>>(e);
        }

        _last = ObserveInOrderAsync(_last, batch, answer);
        _outstanding.Enqueue(_last);
        ThrowFailure();
    }

    /// <summary>Waits for every outstanding completion, then throws the first failure not yet thrown, if any (the first
    /// in the order sent; later ones are not thrown, as they are usually the same broken connection).</summary>
    public async Task SettleAsync()
    {
        while (_outstanding.TryDequeue(out var completion))
        {
            await completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Retire(completion);
        }

        ThrowFailure();
    }

    private void Retire(Task completion)
    {
        if (completion.Exception?.InnerException is { } failure)
        {
            _failure ??= ExceptionDispatchInfo.Capture(failure);
        }
        else if (completion.IsCanceled)
        {
            _failure ??= ExceptionDispatchInfo.Capture(new TaskCanceledException(completion));
        }
    }

    private void ThrowFailure()
    {
        var failure = _failure;
        _failure = null;
        failure?.Throw();
    }

    private async Task ObserveInOrderAsync(Task previous, TBatch batch, Task<IReadOnlyList<bool>> answer)
    {
        // The previous batch's own task reports its failure; here it only has to be over.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        observe(batch, await answer);
    }
}
