using CoreRegistryClient.Samples.Messaging;

namespace CoreRegistryClient.Samples.Pipeline.Processing;

/// <summary>What the pipeline did with the messages it received, for the summary line. Outcomes are counted when
/// a message is completed, once per envelope id: a duplicate is counted as such, not as valid again.</summary>
internal sealed class PipelineCounters(TimeProvider time)
{
    private long _received;
    private long _redelivered;
    private long _valid;
    private long _warned;
    private long _deadLettered;
    private long _duplicates;
    private long _firstReceivedTicks;
    private long _lastCompletedTicks;
    private long _firstReceivedCpuTicks = -1;
    private long _stoppedCpuTicks = -1;

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

    /// <summary>From the first delivery to the last completion; zero before any.</summary>
    public TimeSpan Busy
    {
        get
        {
            var first = Interlocked.Read(ref _firstReceivedTicks);
            var last = Interlocked.Read(ref _lastCompletedTicks);
            return first == 0 || last < first ? TimeSpan.Zero : TimeSpan.FromTicks(last - first);
        }
    }

    /// <summary>CPU time of the whole process (every thread: handling, bus client, GC) from the first delivery until
    /// the consumer stopped; null before both. Unlike <see cref="Busy"/> it hardly depends on how loaded the machine is,
    /// so it compares buses measured at different moments.</summary>
    public TimeSpan? BusyCpu
    {
        get
        {
            var first = Interlocked.Read(ref _firstReceivedCpuTicks);
            var stopped = Interlocked.Read(ref _stoppedCpuTicks);
            return first < 0 || stopped < first ? null : TimeSpan.FromTicks(stopped - first);
        }
    }

    public void CountReceived(BusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Interlocked.CompareExchange(ref _firstReceivedTicks, time.GetUtcNow().UtcTicks, 0) == 0)
        {
            Interlocked.Exchange(ref _firstReceivedCpuTicks, Environment.CpuUsage.TotalTime.Ticks);
        }

        Interlocked.Increment(ref _received);
        if (message.DeliveryCount > 1)
        {
            Interlocked.Increment(ref _redelivered);
        }
    }

    /// <summary>The consumer loop has ended: closes the CPU measurement (<see cref="BusyCpu"/>).</summary>
    public void ConsumerStopped() => Interlocked.Exchange(ref _stoppedCpuTicks, Environment.CpuUsage.TotalTime.Ticks);

    /// <summary>Counts a completed message (the consumer's <see cref="CompletionObserver"/>).</summary>
    public void CountCompleted(BusMessage message, MessageOutcome outcome, bool first)
    {
        Interlocked.Exchange(ref _lastCompletedTicks, time.GetUtcNow().UtcTicks);
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
