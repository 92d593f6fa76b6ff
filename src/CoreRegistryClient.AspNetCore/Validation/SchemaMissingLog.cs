using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CoreRegistryClient.AspNetCore.Policy;

namespace CoreRegistryClient.AspNetCore.Validation;

/// <summary>A misconfigured endpoint is logged as an error at most once a minute, not on every request.</summary>
internal sealed class SchemaMissingLog(TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string Endpoint, string Schema), StrongBox<long>> _last = new();

    public bool ShouldLog(EndpointRule rule)
    {
        var now = time.GetTimestamp();
        var last = _last.GetOrAdd((rule.Telemetry.Label, rule.SchemaName), _ => new StrongBox<long>(long.MinValue));
        var previous = Interlocked.Read(ref last.Value);
        if (previous != long.MinValue && time.GetElapsedTime(previous, now) < Interval) return false;
        return Interlocked.CompareExchange(ref last.Value, now, previous) == previous;
    }
}
