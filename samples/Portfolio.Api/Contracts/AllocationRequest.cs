namespace CoreRegistryClient.Samples.Portfolio.Contracts;

/// <summary>Body of <c>POST /allocations</c> (schema <c>portfolio.AllocationRequest</c>).</summary>
public sealed record AllocationRequest(
    string AccountId,
    string AsOf,
    string Currency,
    decimal Cash,
    IReadOnlyList<AllocationTarget> Targets,
    string? LotRounding = null,
    double? DriftTolerance = null,
    bool? DryRun = null,
    string? ClientOrderPrefix = null);

public sealed record AllocationTarget(string Symbol, double Weight, decimal? MaxPrice = null);

public sealed record AllocationPlan(string AccountId, decimal Cash, decimal Invested, IReadOnlyList<PlannedOrder> Orders);

public sealed record PlannedOrder(string Symbol, decimal Notional);
