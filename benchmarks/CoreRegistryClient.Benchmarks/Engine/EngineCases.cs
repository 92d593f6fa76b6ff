namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>The schemas the engine benchmarks validate against: the bench corpus, then the Portfolio.Api sample's
/// (<see cref="PortfolioSample"/>). One place that knows where each one's schema and payloads live.</summary>
internal static class EngineCases
{
    public static IEnumerable<string> Names => [.. BenchCorpus.Names, .. PortfolioSample.Names];

    public static string SchemaText(string name) => PortfolioSample.Contains(name) ? PortfolioSample.SchemaText(name) : BenchCorpus.SchemaText(name);

    public static byte[] Payload(string name, bool valid) => PortfolioSample.Contains(name) ? PortfolioSample.Payload(name, valid) : BenchCorpus.Payload(name, valid);
}
