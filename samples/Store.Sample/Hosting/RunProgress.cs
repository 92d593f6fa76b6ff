namespace CoreRegistryClient.Samples.Store.Hosting;

/// <summary>Milestones a bounded run (<c>--count</c>) waits for: the last event produced and one drift run done.</summary>
internal sealed class RunProgress
{
    private readonly TaskCompletionSource _publishing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _drift = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the publisher produced <c>--count</c> events.</summary>
    public Task Publishing => _publishing.Task;

    /// <summary>Completes when the first drift run over every fixture set finished (whatever it found).</summary>
    public Task FirstDriftRun => _drift.Task;

    public void PublishingFinished() => _publishing.TrySetResult();

    public void DriftRunFinished() => _drift.TrySetResult();
}
