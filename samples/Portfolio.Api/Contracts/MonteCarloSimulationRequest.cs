namespace CoreRegistryClient.Samples.Portfolio.Contracts;

/// <summary>Body of <c>POST /monte-carlo/simulations</c> (schema <c>portfolio.MonteCarloSimulationRequest</c>).</summary>
public sealed record MonteCarloSimulationRequest(
    string PortfolioId,
    int HorizonDays,
    int Paths,
    SimulationModel Model,
    IReadOnlyList<SimulatedAsset> Assets,
    long? Seed = null,
    string? Currency = null,
    IReadOnlyList<double>? ConfidenceLevels = null,
    IReadOnlyList<IReadOnlyList<double>>? CorrelationMatrix = null);

public sealed record SimulationModel(string Type, double? DriftOverride = null, double? VolatilityFloor = null, double? JumpIntensity = null);

public sealed record SimulatedAsset(string Symbol, double Weight, double ExpectedReturn, double Volatility);

public sealed record SimulationAccepted(string SimulationId, string PortfolioId, int Paths, int HorizonDays, double ExpectedAnnualReturn);
