namespace CoreRegistryClient.Drift;

/// <summary>When the drift monitor runs next: the earlier of the next daily time (UTC) and the interval after the
/// last run (after start-up before the first).</summary>
internal static class DriftSchedule
{
    public static DateTimeOffset Next(DateTimeOffset now, DateTimeOffset? lastRun, TimeSpan? interval, TimeOnly? dailyAtUtc)
    {
        DateTimeOffset? next = null;
        if (interval is { } every)
        {
            next = (lastRun ?? now) + every;
        }

        if (dailyAtUtc is { } at)
        {
            var utcNow = now.ToUniversalTime();
            var today = new DateTimeOffset(DateOnly.FromDateTime(utcNow.UtcDateTime).ToDateTime(at), TimeSpan.Zero);
            var daily = today > utcNow ? today : today.AddDays(1);
            next = next is { } n && n < daily ? n : daily;
        }

        return next ?? throw new InvalidOperationException("The drift monitor has neither an interval nor a daily time.");
    }
}
