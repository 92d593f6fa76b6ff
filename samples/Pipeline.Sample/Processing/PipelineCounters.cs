namespace CoreRegistryClient.Samples.Pipeline.Processing;

/// <summary>What the pipeline did with the messages it received, for the summary line.</summary>
internal sealed class PipelineCounters
{
    private long _received;
    private long _valid;
    private long _warned;
    private long _deadLettered;

    public long Received => Interlocked.Read(ref _received);

    public long Valid => Interlocked.Read(ref _valid);

    /// <summary>Invalid in warn mode: logged, counted, processed anyway.</summary>
    public long Warned => Interlocked.Read(ref _warned);

    /// <summary>Rejected in strict mode, or not a valid envelope.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public void CountReceived() => Interlocked.Increment(ref _received);

    public void CountValid() => Interlocked.Increment(ref _valid);

    public void CountWarned() => Interlocked.Increment(ref _warned);

    public void CountDeadLettered() => Interlocked.Increment(ref _deadLettered);
}
