using CoreRegistryClient.Samples.Messaging;

namespace CoreRegistryClient.Samples.Pipeline.Processing;

/// <summary>What the pipeline did with the messages it received, for the summary line. Outcomes are counted when
/// a message is completed, once per envelope id: a duplicate is counted as such, not as valid again.</summary>
internal sealed class PipelineCounters(TimeProvider time, PipelineSettings settings)
{
    private long _received;
    private long _redelivered;
    private long _valid;
    private long _warned;
    private long _deadLettered;
    private long _duplicates;

    /// <summary>Deliveries handed to the handler; a redelivered message counts again.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Deliveries of messages delivered before (reclaimed from a consumer that died or was too slow).</summary>
    public long Redelivered => Interlocked.Read(ref _redelivered);

    public long Valid => Interlocked.Read(ref _valid);

    /// <summary>Invalid in warn mode: logged, counted, processed anyway.</summary>
    public long Warned => Interlocked.Read(ref _warned);

    /// <summary>Rejected in strict mode, or not a valid envelope.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Envelopes completed before (by this or another replica): acknowledged, not counted again.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Throughput of the run, whole and (with <c>--prefill</c>) steady: the second half of <c>--count</c>.</summary>
    public ThroughputMeter Throughput { get; } = new(time, settings.Prefill ? settings.Count : null);

    public void CountReceived(BusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Throughput.Delivered();
        Interlocked.Increment(ref _received);
        if (message.DeliveryCount > 1)
        {
            Interlocked.Increment(ref _redelivered);
        }
    }

    /// <summary>The consumer loop has ended: closes the CPU and allocation readings of <see cref="Throughput"/>.</summary>
    public void ConsumerStopped() => Throughput.Stopped();

    /// <summary>Counts a completed message (the consumer's <see cref="CompletionObserver"/>).</summary>
    public void CountCompleted(BusMessage message, MessageOutcome outcome, bool first)
    {
        Throughput.Completed();
        if (!first)
        {
            Interlocked.Increment(ref _duplicates);
        }
        else if (outcome.DeadLetterReason is not null)
        {
            Interlocked.Increment(ref _deadLettered);
        }
        else if (outcome.Warned)
        {
            Interlocked.Increment(ref _warned);
        }
        else
        {
            Interlocked.Increment(ref _valid);
        }
    }
}
