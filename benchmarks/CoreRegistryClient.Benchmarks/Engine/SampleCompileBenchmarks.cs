using BenchmarkDotNet.Attributes;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>Compile time and allocation of the Portfolio.Api sample's three endpoint schemas (what the HTTP package
/// compiles on a first request), ours against the peers (see <see cref="CompileBenchmarkBase"/>).</summary>
public class SampleCompileBenchmarks : CompileBenchmarkBase
{
    [Params("portfolio.AllocationRequest@2.1.0", "portfolio.MonteCarloSimulationRequest@1.2.0", "portfolio.StrategyRequest@1.4.0")]
    public string Schema { get; set; } = "";

    [Params(false, true)]
    public bool Formats { get; set; }

    protected override bool FormatAssertion => Formats;

    protected override string LoadSchema()
        => File.ReadAllText(Path.Combine(BenchCorpus.RepositoryRoot, "samples", "Portfolio.Api", "schemas", "v1", Schema + ".json"));
}
