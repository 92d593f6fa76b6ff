namespace CoreRegistryClient.Samples.Pipeline.Processing;

/// <summary>
/// The consumer's throughput over two stretches: the whole run (first delivery to last completion) and its steady
/// part, from the completion that finishes the first half of the expected messages to the last one. The first half
/// carries the start-up costs (JIT compilation and tiering, connection set-up, first schema load), which were about
/// 40% of the in-memory bus's CPU at 100,000 messages; the second half compares the buses after start-up, the same
/// way for both. Each stretch has its wall time, the process's CPU time (every thread) and the bytes allocated
/// (every thread).
/// </summary>
/// <param name="time">The clock for wall time.</param>
/// <param name="expected">How many messages the run will complete (<c>--count</c>); null: no steady stretch.</param>
internal sealed class ThroughputMeter(TimeProvider time, long? expected)
{
    private readonly long _steadyFrom = expected is >= 2 ? expected.Value / 2 : long.MaxValue;
    private Reading? _start;
    private Reading? _steady;
    private Reading? _stop;
    private long _completed;
    private long _lastCompletedTicks;

    /// <summary>From the first delivery to the last completion; null before both.</summary>
    public ThroughputStretch? Whole => Between(Volatile.Read(ref _start));

    /// <summary>The second half of the expected messages; null without an expected count or before it was reached.</summary>
    public ThroughputStretch? Steady => Between(Volatile.Read(ref _steady));

    /// <summary>A message was delivered to the handler: the first one starts the whole stretch.</summary>
    public void Delivered()
    {
        if (Volatile.Read(ref _start) is null)
        {
            Interlocked.CompareExchange(ref _start, Take(0), null);
        }
    }

    /// <summary>A message was completed (first or duplicate); the one that ends the first half starts the steady stretch.</summary>
    public void Completed()
    {
        Interlocked.Exchange(ref _lastCompletedTicks, time.GetUtcNow().UtcTicks);
        var completed = Interlocked.Increment(ref _completed);
        if (completed == _steadyFrom)
        {
            Volatile.Write(ref _steady, Take(completed));
        }
    }

    /// <summary>The consumer loop has ended: closes the CPU and allocation readings of both stretches.</summary>
    public void Stopped() => Volatile.Write(ref _stop, Take(Interlocked.Read(ref _completed)));

    private ThroughputStretch? Between(Reading? from)
    {
        var stop = Volatile.Read(ref _stop);
        var last = Interlocked.Read(ref _lastCompletedTicks);
        var completed = Interlocked.Read(ref _completed);
        if (from is null || last < from.Ticks || completed <= from.Completed)
        {
            return null;
        }

        return new ThroughputStretch(
            completed - from.Completed,
            TimeSpan.FromTicks(last - from.Ticks),
            stop is null ? null : TimeSpan.FromTicks(stop.CpuTicks - from.CpuTicks),
            stop is null ? null : stop.AllocatedBytes - from.AllocatedBytes);
    }

    private Reading Take(long completed) =>
        new(completed, time.GetUtcNow().UtcTicks, Environment.CpuUsage.TotalTime.Ticks, GC.GetTotalAllocatedBytes(precise: false));

    private sealed record Reading(long Completed, long Ticks, long CpuTicks, long AllocatedBytes);
}
