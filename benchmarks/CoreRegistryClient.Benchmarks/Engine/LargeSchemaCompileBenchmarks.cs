using BenchmarkDotNet.Attributes;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>Compile time and allocation of the generated large schemas (about 100 KB and 2.7 MB, see
/// <see cref="GeneratedSchema"/>), ours against the peers (see <see cref="CompileBenchmarkBase"/>): the size of the
/// big real-world schemas, where cost that grows faster than the schema shows. Formats off only: format assertion
/// changes nothing the peers compile and little of ours.</summary>
public class LargeSchemaCompileBenchmarks : CompileBenchmarkBase
{
    [ParamsSource(nameof(Schemas))]
    public string Schema { get; set; } = "";

    public static IEnumerable<string> Schemas => GeneratedSchema.Sizes.Keys;

    protected override bool FormatAssertion => false;

    protected override string LoadSchema() => GeneratedSchema.Named(Schema);
}
