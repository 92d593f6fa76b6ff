using CoreRegistryClient.Drift;

namespace CoreRegistryClient.Samples.Store.Drift;

/// <summary>The latest drift report of each fixture set, and how many runs there were, for the summary line.</summary>
internal sealed class DriftBoard
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DriftReport> _latest = new(StringComparer.Ordinal);
    private long _runs;

    /// <summary>Completed runs (one run covers every fixture set).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    public void Record(string fixtureSet, DriftReport report)
    {
        lock (_lock)
        {
            _latest[fixtureSet] = report;
        }
    }

    public void CountRun() => Interlocked.Increment(ref _runs);

    /// <summary>The latest reports, by fixture set.</summary>
    public IReadOnlyList<DriftReport> Latest()
    {
        lock (_lock)
        {
            return _latest.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value).ToArray();
        }
    }

    /// <summary>Drifted schemas in the latest reports; null when no run has finished or the registry was unreachable
    /// for one of them (nothing is known then).</summary>
    public int? Drifted()
    {
        var latest = Latest();
        return latest.Count == 0 || latest.Any(r => !r.RegistryAvailable) ? null : latest.Sum(r => r.Drifted);
    }
}
