namespace CoreRegistryClient.Samples.Pipeline.Producing;

/// <summary>With <c>--prefill</c>, holds the consumer back until the producer has published the whole backlog, so a
/// throughput measurement sees consuming alone; otherwise open from the start.</summary>
internal sealed class BacklogGate(PipelineSettings settings)
{
    private readonly TaskCompletionSource _filled = NewFilled(settings);

    /// <summary>Completes when consuming may start.</summary>
    public Task Open => _filled.Task;

    public void Filled() => _filled.TrySetResult();

    private static TaskCompletionSource NewFilled(PipelineSettings settings)
    {
        var filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!settings.Prefill)
        {
            filled.SetResult();
        }

        return filled;
    }
}
