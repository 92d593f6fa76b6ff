using CoreRegistryClient.Drift;

namespace CoreRegistryClient.Samples.Store.Drift;

/// <summary>The summary line's view of the SDK's drift monitor: how many runs, and the latest report of each fixture set.</summary>
internal sealed class DriftBoard(ISchemaDriftMonitor monitor)
{
    /// <summary>Completed runs (one run covers every fixture set).</summary>
    public long Runs => monitor.Runs;

    /// <summary>The latest reports, in fixture-set order.</summary>
    public IReadOnlyList<DriftReport> Latest() => monitor.LatestReports;

    /// <summary>Drifted schemas in the latest reports; null when no run has finished or the registry was unreachable
    /// for one of them (nothing is known then).</summary>
    public int? Drifted()
    {
        var latest = Latest();
        return latest.Count == 0 || latest.Any(r => !r.RegistryAvailable) ? null : latest.Sum(r => r.Drifted);
    }
}
