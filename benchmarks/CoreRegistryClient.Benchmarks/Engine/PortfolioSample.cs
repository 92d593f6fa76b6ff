namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>The Portfolio.Api sample's three request schemas with the bodies its HTTP load benchmark posts
/// (<c>benchmarks/http/portfolio.lua</c>) and one out-of-range body each, so the engine benchmarks measure the
/// schemas issue 8's HTTP goal depends on beside the bench corpus.</summary>
internal static class PortfolioSample
{
    public const string Allocations = "sample.allocations";
    public const string Strategies = "sample.strategies";
    public const string MonteCarlo = "sample.monte-carlo";

    public static string[] Names { get; } = [Allocations, Strategies, MonteCarlo];

    public static bool Contains(string name) => Array.IndexOf(Names, name) >= 0;

    public static string SchemaText(string name) => File.ReadAllText(Path.Combine(Root, "schemas", "v1", Of(name).Schema));

    public static byte[] Payload(string name, bool valid)
    {
        var (_, folder, validBody) = Of(name);
        return File.ReadAllBytes(Path.Combine(Root, "golden", folder, valid ? "valid" : "invalid", valid ? validBody : "out-of-range.json"));
    }

    private static string Root => Path.Combine(BenchCorpus.RepositoryRoot, "samples", "Portfolio.Api");

    private static (string Schema, string Folder, string ValidBody) Of(string name) => name switch
    {
        Allocations => ("portfolio.AllocationRequest@2.1.0.json", "allocations", "twenty-targets-round-lots.json"),
        Strategies => ("portfolio.StrategyRequest@1.4.0.json", "portfolio-strategies", "max-sharpe-forty-names.json"),
        MonteCarlo => ("portfolio.MonteCarloSimulationRequest@1.2.0.json", "monte-carlo-simulations", "gbm-ten-assets-with-correlations.json"),
        _ => throw new ArgumentException($"'{name}' is not a Portfolio.Api sample schema.", nameof(name)),
    };
}
