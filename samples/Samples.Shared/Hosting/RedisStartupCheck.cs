using System.Globalization;
using CoreRegistryClient.Samples.Messaging;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Hosting;

/// <summary>Waits for Redis to answer before a sample starts, retrying with backoff, so an unreachable Redis ends
/// the run with a clear message and <see cref="SampleExitCodes.BusUnavailable"/> instead of a run that did nothing.</summary>
internal static class RedisStartupCheck
{
    /// <summary>Pauses between attempts: 0.5, 1, 2, 4 s (five attempts, about 8 s when connections are refused).</summary>
    public static IReadOnlyList<TimeSpan> DefaultBackoff { get; } = [TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>True once Redis answers a PING; false after the last attempt failed (each failure is reported on
    /// <paramref name="error"/>, the last with what to do).</summary>
    public static async Task<bool> WaitAsync(RedisStreamBus bus, string sampleName, TextWriter error, IReadOnlyList<TimeSpan> backoff, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(backoff);
        var attempts = backoff.Count + 1;
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            try
            {
                await bus.PingAsync().WaitAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                reason = Reason(e.Message);
            }

            if (attempt == attempts)
            {
                await error.WriteLineAsync($"{sampleName}: Redis at {bus.Endpoints} did not answer after {attempts} attempts ({reason}). Start redis-server there or point --redis at one; --bus memory needs nothing.");
                return false;
            }

            var pause = backoff[attempt - 1];
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{sampleName}: Redis at {bus.Endpoints} does not answer (attempt {attempt} of {attempts}: {reason}); retrying in {pause.TotalSeconds:0.#} s"));
            await Task.Delay(pause, time, cancellationToken);
        }
    }

    /// <summary>The cause in a few words: StackExchange.Redis messages name the command, then the cause, then a
    /// long diagnostic tail (<c>No connection is active/available to service this operation: PING; Connection refused,
    /// mc: 1/1/0, …</c>).</summary>
    internal static string Reason(string message)
    {
        var text = message.Split('\n')[0];
        var cause = text.IndexOf("; ", StringComparison.Ordinal);
        if (cause >= 0)
        {
            text = text[(cause + 2)..];
        }

        foreach (var tail in new[] { ", ", " (" })
        {
            var at = text.IndexOf(tail, StringComparison.Ordinal);
            if (at > 0)
            {
                text = text[..at];
            }
        }

        return text.TrimEnd('.');
    }
}
