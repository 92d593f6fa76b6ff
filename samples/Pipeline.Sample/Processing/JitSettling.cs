namespace CoreRegistryClient.Samples.Pipeline.Processing;

/// <summary>Waits until the JIT compiler has settled: no method compiled for a while. After a warm-up, tiered
/// compilation still promotes the hot methods on a background thread (seconds on a busy machine); a measurement that
/// starts before that pays for the compiles and for the slower tier-0 code.</summary>
internal static class JitSettling
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns once no method was compiled for <paramref name="quiet"/>, or after <paramref name="limit"/>.</summary>
    public static async Task WaitAsync(TimeSpan quiet, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var count = System.Runtime.JitInfo.GetCompiledMethodCount();
        var unchangedSince = started;
        while (time.GetElapsedTime(unchangedSince) < quiet && time.GetElapsedTime(started) < limit)
        {
            await Task.Delay(Poll, time, cancellationToken);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != count)
            {
                count = now;
                unchangedSince = time.GetTimestamp();
            }
        }
    }
}
