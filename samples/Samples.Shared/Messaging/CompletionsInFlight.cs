using System.Runtime.ExceptionServices;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>
/// Batch completions sent to the bus one after another without waiting for the previous answer, with their answers
/// taken in the order they were sent, and at most a fixed number outstanding.
/// </summary>
/// <remarks>Why: waiting for a completion's answer before sending the next one left <c>redis-server</c> idle between a
/// consumer's requests for about a sixth of every batch (docs/fleet.md). A bus keeps its completions in order (Redis
/// runs one connection's commands in the order sent), and each is atomic, so one failing does not undo another: its
/// messages stay pending and come back through reclaim.</remarks>
/// <param name="send">Sends a batch's completions; the task answers, per message, whether it was the first completion of its key.</param>
/// <param name="observe">Takes a batch's answer; called in the order the batches were sent.</param>
/// <param name="limit">Most completions outstanding (at least 1).</param>
internal sealed class CompletionsInFlight<TBatch>(Func<TBatch, Task<IReadOnlyList<bool>>> send, Action<TBatch, IReadOnlyList<bool>> observe, int limit)
{
    private readonly Queue<Task> _outstanding = new();
    private Task _last = Task.CompletedTask;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Sends <paramref name="batch"/>'s completions, waiting first only while <c>limit</c> are outstanding. If an
    /// earlier completion has failed, that failure is thrown once this batch is on its way (the batches after a failed
    /// one are still sent and observed).</summary>
    public async Task SendAsync(TBatch batch)
    {
        while (_outstanding.TryPeek(out var oldest) && (oldest.IsCompleted || _outstanding.Count >= limit))
        {
            await oldest.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Retire(_outstanding.Dequeue());
        }

        _last = ObserveInOrderAsync(_last, batch, send(batch));
        _outstanding.Enqueue(_last);
        ThrowFailure();
    }

    /// <summary>Waits for every outstanding completion, then throws the first failure not yet thrown, if any.</summary>
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
