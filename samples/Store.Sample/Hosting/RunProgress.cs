using CoreRegistryClient.Drift;

namespace CoreRegistryClient.Samples.Store.Hosting;

/// <summary>Milestones a bounded run (<c>--count</c>) waits for: the last event produced and one drift run done.</summary>
internal sealed class RunProgress(ISchemaDriftMonitor drift)
{
    private readonly TaskCompletionSource _publishing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lazy<Task> _firstDriftRun = new(() => WaitForFirstRunAsync(drift));

    /// <summary>Completes when the publisher produced <c>--count</c> events.</summary>
    public Task Publishing => _publishing.Task;

    /// <summary>Completes when the first drift run over every fixture set finished (whatever it found).</summary>
    public Task FirstDriftRun => _firstDriftRun.Value;

    public void PublishingFinished() => _publishing.TrySetResult();

    private static async Task WaitForFirstRunAsync(ISchemaDriftMonitor drift)
    {
        // The SDK monitor exposes a run count, not a completion event; a bounded run only needs to notice the first.
        while (drift.Runs == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
