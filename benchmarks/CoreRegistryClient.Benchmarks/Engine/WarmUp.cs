namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>Runs a benchmark's measured method for a few seconds in its global setup. The engine's methods hold
/// loops, so the runtime starts them in tier-0 code and replaces it in the background; on a loaded 2-core machine
/// that takes seconds, far longer than the short job's three warm-up iterations, and without this the figures mix
/// tier-0 and optimised code differently for each method (a fresh process measured 79, 43, 23 then 15 µs per
/// FeedbackEvent compile in successive 1.5 s windows).</summary>
internal static class WarmUp
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    public static void Run(Func<object> measured)
    {
        var until = DateTime.UtcNow + Duration;
        do
        {
            _ = measured();
        }
        while (DateTime.UtcNow < until);
    }
}
