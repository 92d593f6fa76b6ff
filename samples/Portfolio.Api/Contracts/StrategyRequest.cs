namespace CoreRegistryClient.Samples.Portfolio.Contracts;

/// <summary>Body of <c>POST /portfolio/strategies</c> (schema <c>portfolio.StrategyRequest</c>).</summary>
public sealed record StrategyRequest(
    string Name,
    string Objective,
    IReadOnlyList<string> Universe,
    StrategyConstraints Constraints,
    RebalanceSchedule Rebalance,
    double? TargetReturn = null,
    string? Benchmark = null,
    IReadOnlyList<string>? Tags = null);

public sealed record StrategyConstraints(double MaxWeight, double? MinWeight = null, double? MaxTurnover = null, bool? LongOnly = null,
    IReadOnlyDictionary<string, double>? SectorCaps = null);

public sealed record RebalanceSchedule(string Frequency, int? DayOfMonth = null, double? DriftThreshold = null);

public sealed record StrategyCreated(string StrategyId, string Name, string Objective, int Instruments);
