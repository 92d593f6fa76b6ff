namespace CoreRegistryClient.Telemetry;

/// <summary>Lets through at most <see cref="Limit"/> log records of one event per <see cref="WindowMilliseconds"/>
/// and counts the rest, so a flood of bad messages (or of bad schema names from producers) costs a counter
/// increment each instead of a log record each.</summary>
/// <remarks>Lock-free: a window is claimed by compare-and-swap; the claimer reports how many records the previous
/// window suppressed, so every suppression is summarised once in the log.</remarks>
internal sealed class LogFloodGate
{
    public const int Limit = 20;
    public const long WindowMilliseconds = 10_000;

    private long _windowStart = long.MinValue;
    private int _passed;
    private int _suppressed;

    /// <summary>Whether this record may be logged; <paramref name="suppressedBefore"/> is the count of records the
    /// previous window suppressed when this call opened a new window, else 0.</summary>
    public bool TryPass(long now, out int suppressedBefore)
    {
        suppressedBefore = 0;
        var start = Volatile.Read(ref _windowStart);
        if (now - start >= WindowMilliseconds || start == long.MinValue)
        {
            if (Interlocked.CompareExchange(ref _windowStart, now, start) == start)
            {
                suppressedBefore = Interlocked.Exchange(ref _suppressed, 0);
                Volatile.Write(ref _passed, 0);
            }
        }

        if (Interlocked.Increment(ref _passed) <= Limit) return true;
        Interlocked.Increment(ref _suppressed);
        return false;
    }
}
