namespace CoreRegistryClient.Drift;

/// <summary>The scheduled drift monitor added by <c>AddSchemaDriftMonitor</c>: what its runs found, and a way to
/// run one now.</summary>
public interface ISchemaDriftMonitor
{
    /// <summary>Runs finished since start-up (whatever they found).</summary>
    long Runs { get; }

    /// <summary>When the last run finished; null before the first.</summary>
    DateTimeOffset? LastRunAt { get; }

    /// <summary>When the next scheduled run starts; null before the schedule is computed or after shutdown.</summary>
    DateTimeOffset? NextRunAt { get; }

    /// <summary>The report of each directory from the last run, in <see cref="SchemaDriftMonitorOptions.SchemaDirectories"/>
    /// order; a directory that could not be compared (no track, unreadable metadata) has none.</summary>
    IReadOnlyList<DriftReport> LatestReports { get; }

    /// <summary>Runs the comparison now (waiting for a scheduled run in progress to finish first) and returns its reports.</summary>
    Task<IReadOnlyList<DriftReport>> RunNowAsync(CancellationToken cancellationToken = default);
}
