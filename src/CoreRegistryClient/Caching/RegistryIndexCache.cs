using System.Collections.Frozen;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Caching;

/// <summary>The last registry index read (by the poller, or by a load that needed to know where a name lives), and
/// the canonical names it lists: the names that keep their own <c>schema</c> label.</summary>
internal sealed class RegistryIndexCache(CacheClock clock) : IDisposable
{
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile Snapshot? _latest;

    /// <summary>Whether the registry's last index lists <paramref name="canonicalName"/> on any track.</summary>
    public bool Lists(string canonicalName) => _latest?.Names.Contains(canonicalName) ?? false;

    public void Update(SchemaIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var names = index.Tracks.Values.Where(t => t?.Schemas is not null)
            .SelectMany(t => t.Schemas).Where(s => s?.Name is not null).Select(s => SchemaNames.Canonical(s.Name));
        _latest = new Snapshot(index, clock.NowMilliseconds, names.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>An index at most <paramref name="maxAgeMilliseconds"/> old, read from the registry when the last one
    /// is older (one read at a time; concurrent loads share it); null when the registry cannot give one in time.</summary>
    public SchemaIndex? GetFresh(long maxAgeMilliseconds, RegistryFetcher fetcher, SchemaLoad load)
    {
        if (Fresh(maxAgeMilliseconds) is { } index) return index;
        try
        {
            if (!_fetching.Wait(load.Remaining, load.Token)) return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        try
        {
            if (Fresh(maxAgeMilliseconds) is { } shared) return shared;
            var fetched = fetcher.GetIndex(load);
            Update(fetched);
            return fetched;
        }
        catch (Exception exception) when (exception is RegistryException or OperationCanceledException)
        {
            return null;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose() => _fetching.Dispose();

    private SchemaIndex? Fresh(long maxAgeMilliseconds) =>
        _latest is { } latest && clock.NowMilliseconds - latest.ReadAt < maxAgeMilliseconds ? latest.Index : null;

    private sealed record Snapshot(SchemaIndex Index, long ReadAt, FrozenSet<string> Names);
}
