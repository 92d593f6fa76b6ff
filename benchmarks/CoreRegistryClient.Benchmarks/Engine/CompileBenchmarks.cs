using BenchmarkDotNet.Attributes;
using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>Compiling a schema (text to validator) with our engine and the peers, in the same run: each bench-corpus
/// schema and a generated ~100 KB one. Ours is measured with meta-schema validation on (the default, which the
/// peers do not do) and off. Baseline: JsonSchema.Net.</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private string _schema = "";
    private JsonSchemaOptions _options = null!;
    private JsonSchemaOptions _unchecked = null!;

    [ParamsSource(nameof(Schemas))]
    public string Schema { get; set; } = "";

    [Params(false, true)]
    public bool Formats { get; set; }

    /// <summary>The corpus schemas and <c>generated-400</c> (400 definitions, about 100 KB).</summary>
    public static IEnumerable<string> Schemas => [.. BenchCorpus.Names, "generated-400"];

    [GlobalSetup(Target = nameof(JsonSchemaNet))]
    public void SetupJsonSchemaNet() => Setup(JsonSchemaNet);

    [GlobalSetup(Target = nameof(Ours))]
    public void SetupOurs() => Setup(Ours);

    [GlobalSetup(Target = nameof(OursWithoutMetaValidation))]
    public void SetupOursWithoutMetaValidation() => Setup(OursWithoutMetaValidation);

    [GlobalSetup(Target = nameof(NJsonSchema))]
    public void SetupNJsonSchema() => Setup(NJsonSchema);

    /// <summary>Prepares the schema and runs the measured method for a few seconds first (<see cref="WarmUp"/>):
    /// compiling walks many methods, meta-validation most.</summary>
    private void Setup(Func<object> measured)
    {
        _schema = Schema == "generated-400" ? GeneratedSchema.Create(400) : BenchCorpus.SchemaText(Schema);
        _options = new JsonSchemaOptions { FormatAssertion = Formats };
        _unchecked = new JsonSchemaOptions { FormatAssertion = Formats, ValidateSchema = false };
        WarmUp.Run(measured);
    }

    [Benchmark(Baseline = true)]
    public object JsonSchemaNet() => Peers.CompileJsonSchemaNet(_schema);

    /// <summary>With meta-schema validation (the default).</summary>
    [Benchmark]
    public object Ours() => new JsonSchemaCompiler(_options).Compile(_schema);

    [Benchmark]
    public object OursWithoutMetaValidation() => new JsonSchemaCompiler(_unchecked).Compile(_schema);

    [Benchmark]
    public object NJsonSchema() => Peers.CompileNJsonSchema(_schema);
}
