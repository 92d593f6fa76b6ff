using System.Collections.Concurrent;

namespace CoreRegistryClient.AspNetCore.Validation;

/// <summary>When this process first served each deprecated schema version: the <c>Deprecation</c> date when none
/// is configured (the registry publishes no date; the deprecation took effect at the latest then).</summary>
internal sealed class DeprecationDates(TimeProvider time)
{
    private const int MaxEntries = 1024;
    private readonly ConcurrentDictionary<(string Schema, string? Track, string? Version), DateTimeOffset> _firstSeen = new();

    public DateTimeOffset FirstSeen(string schema, string? track, string? version)
    {
        var key = (schema, track, version);
        if (_firstSeen.TryGetValue(key, out var seen)) return seen;
        var now = time.GetUtcNow();
        return _firstSeen.Count >= MaxEntries ? now : _firstSeen.GetOrAdd(key, now);
    }
}
