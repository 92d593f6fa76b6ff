namespace CoreRegistryClient.Drift;

/// <summary>Progress of a drift run: one report per schema compared.</summary>
/// <param name="Completed">Schemas compared so far.</param>
/// <param name="Total">Schemas to compare.</param>
/// <param name="Schema">The schema just compared.</param>
public sealed record DriftProgress(int Completed, int Total, string Schema);
