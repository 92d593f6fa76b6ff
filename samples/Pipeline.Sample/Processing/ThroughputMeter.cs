namespace CoreRegistryClient.Samples.Pipeline.Processing;

/// <summary>
/// The consumer's throughput over two stretches: the whole run (first delivery to last completion) and its steady
/// part, the messages delivered after the warm-up (the first half of <c>--count</c>, with pauses until the JIT
/// compiler has settled, see <see cref="PausesAfter"/>). The warm-up carries the start-up costs (JIT compilation and
/// tiering, connection set-up, first schema load), which were about 40% of the in-memory bus's CPU at 100,000
/// messages and, on a busy machine, went on well into the second half; the steady stretch compares the buses after
/// start-up, the same way for both. Each stretch has its wall time, the process's CPU time and bytes allocated (every
/// thread), and the methods JIT-compiled in it (how much start-up is left in the stretch).
/// </summary>
/// <param name="time">The clock for wall time.</param>
/// <param name="expected">How many messages the run will complete (<c>--count</c> of a <c>--prefill</c> run, whose
/// backlog is all there at the start); null: no warm-up, no steady stretch.</param>
internal sealed class ThroughputMeter(TimeProvider time, long? expected)
{
    private Reading? _start;
    private Reading? _steady;
    private Reading? _stop;
    private long _delivered;
    private long _completed;
    private long _lastCompletedTicks;
    private long _pausedTicks;

    /// <summary>Deliveries that make up the warm-up (half of the expected messages); null: no warm-up.</summary>
    public long? WarmUp { get; } = expected is >= 2 ? expected.Value / 2 : null;

    /// <summary>From the first delivery to the last completion; null before both.</summary>
    public ThroughputStretch? Whole => Between(Volatile.Read(ref _start));

    /// <summary>The messages delivered after the warm-up, to the last completion; null before it.</summary>
    public ThroughputStretch? Steady => Between(Volatile.Read(ref _steady));

    /// <summary>A message was delivered to the handler: the first one starts the whole stretch.</summary>
    public void Delivered()
    {
        if (Volatile.Read(ref _start) is null)
        {
            Interlocked.CompareExchange(ref _start, Take(), null);
        }

        Interlocked.Increment(ref _delivered);
    }

    /// <summary>A message was completed (first or duplicate).</summary>
    public void Completed()
    {
        Interlocked.Exchange(ref _lastCompletedTicks, time.GetUtcNow().UtcTicks);
        Interlocked.Increment(ref _completed);
    }

    /// <summary>Whether the consumer pauses after <paramref name="delivered"/> deliveries: halfway through the warm-up
    /// and at its end. Two pauses because tiering with dynamic PGO promotes a hot method twice (tier 0, instrumented,
    /// then tier 1), each after 30 calls and a quiet moment; with one pause hundreds of compiles were left for the
    /// steady half.</summary>
    public bool PausesAfter(long delivered) => WarmUp is { } warmUp && (delivered == warmUp || delivered == warmUp / 2);

    /// <summary>Waits until the JIT has settled (at most 15 s); after the last warm-up delivery, then starts the steady
    /// stretch. Pauses are left out of the whole stretch's wall time (not its CPU: the compiles belong to start-up).</summary>
    public async Task PauseAsync(long delivered, CancellationToken cancellationToken)
    {
        var paused = time.GetTimestamp();
        try
        {
            await JitSettling.WaitAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15), time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: no steady stretch, and the message in hand is still completed.
            return;
        }

        Interlocked.Add(ref _pausedTicks, time.GetElapsedTime(paused).Ticks);
        if (delivered == WarmUp)
        {
            Interlocked.CompareExchange(ref _steady, Take(), null);
        }
    }

    /// <summary>The consumer loop has ended: closes the CPU, allocation and JIT readings of both stretches.</summary>
    public void Stopped() => Volatile.Write(ref _stop, Take());

    private ThroughputStretch? Between(Reading? from)
    {
        var stop = Volatile.Read(ref _stop);
        var last = Interlocked.Read(ref _lastCompletedTicks);

        // Messages delivered before the reading but completed after it are not the stretch's: a single consumer
        // completes every message it was delivered, so the stretch's messages are the completions less those.
        var messages = Interlocked.Read(ref _completed) - (from?.Delivered ?? 0);
        if (from is null || last < from.Ticks || messages <= 0)
        {
            return null;
        }

        var paused = ReferenceEquals(from, Volatile.Read(ref _start)) ? Interlocked.Read(ref _pausedTicks) : 0;
        return new ThroughputStretch(
            messages,
            TimeSpan.FromTicks(last - from.Ticks - paused),
            stop is null ? null : TimeSpan.FromTicks(stop.CpuTicks - from.CpuTicks),
            stop is null ? null : stop.JitCompiled - from.JitCompiled,
            stop is null ? null : stop.AllocatedBytes - from.AllocatedBytes);
    }

    private Reading Take() =>
        new(Interlocked.Read(ref _delivered), time.GetUtcNow().UtcTicks, Environment.CpuUsage.TotalTime.Ticks, System.Runtime.JitInfo.GetCompiledMethodCount(), GC.GetTotalAllocatedBytes(precise: false));

    private sealed record Reading(long Delivered, long Ticks, long CpuTicks, long JitCompiled, long AllocatedBytes);
}
