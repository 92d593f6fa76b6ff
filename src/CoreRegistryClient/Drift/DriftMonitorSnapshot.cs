namespace CoreRegistryClient.Drift;

/// <summary>What one drift monitor run found: its reports and the directories it could not compare.</summary>
internal sealed record DriftMonitorSnapshot(DateTimeOffset? FinishedAt, IReadOnlyList<DriftReport> Reports, IReadOnlyList<string> Failures)
{
    public static DriftMonitorSnapshot Empty { get; } = new(null, [], []);

    public int Drifted => Reports.Sum(r => r.Drifted);

    public int Unknown => Reports.Sum(r => r.Unknown);

    public bool RegistryAvailable => Reports.All(r => r.RegistryAvailable);
}
