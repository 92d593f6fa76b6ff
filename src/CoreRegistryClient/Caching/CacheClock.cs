namespace CoreRegistryClient.Caching;

/// <summary>Milliseconds for freshness, LRU and retry decisions on the hot path.</summary>
/// <remarks>With the system clock this reads <see cref="Environment.TickCount64"/> (a coarse monotonic clock,
/// a few nanoseconds), not <see cref="TimeProvider.GetTimestamp"/> (a precise one that costs tens of nanoseconds
/// on virtual machines): TTLs are seconds, so millisecond resolution is plenty. Any other provider (a test's
/// manual clock) is read as it is, so tests control time.</remarks>
internal sealed class CacheClock(TimeProvider time)
{
    private readonly bool _system = ReferenceEquals(time, TimeProvider.System);

    public long NowMilliseconds
    {
        get
        {
            if (_system) return Environment.TickCount64;
            var timestamp = time.GetTimestamp();
            var frequency = time.TimestampFrequency;
            return (timestamp / frequency * 1000) + (timestamp % frequency * 1000 / frequency);
        }
    }

    /// <summary>A duration in milliseconds, saturated so that "now + duration" can never overflow.</summary>
    public static long Milliseconds(TimeSpan duration) => (long)Math.Clamp(duration.TotalMilliseconds, 0, long.MaxValue / 4);
}
