using BenchmarkDotNet.Attributes;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>Compile time and allocation of each bench-corpus schema, ours against the peers (see
/// <see cref="CompileBenchmarkBase"/>).</summary>
public class CompileBenchmarks : CompileBenchmarkBase
{
    [ParamsSource(nameof(Schemas))]
    public string Schema { get; set; } = "";

    [Params(false, true)]
    public bool Formats { get; set; }

    public static IEnumerable<string> Schemas => BenchCorpus.Names;

    protected override bool FormatAssertion => Formats;

    protected override string LoadSchema() => BenchCorpus.SchemaText(Schema);
}
