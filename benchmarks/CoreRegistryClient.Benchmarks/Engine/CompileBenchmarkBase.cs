using BenchmarkDotNet.Attributes;
using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>Compiling a schema (text to validator) with our engine and the peers, in the same run. Ours is measured
/// with meta-schema validation on (the default, which the peers do not do) and off. Baseline: JsonSchema.Net. Each
/// derived class supplies a set of schemas, so each set runs in a few minutes.</summary>
[MemoryDiagnoser]
public abstract class CompileBenchmarkBase
{
    private string _schema = "";
    private JsonSchemaOptions _options = null!;
    private JsonSchemaOptions _unchecked = null!;

    /// <summary>The schema text of the current parameters.</summary>
    protected abstract string LoadSchema();

    /// <summary>Whether our engine asserts formats (the peers compile the same either way).</summary>
    protected abstract bool FormatAssertion { get; }

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
        _schema = LoadSchema();
        _options = new JsonSchemaOptions { FormatAssertion = FormatAssertion };
        _unchecked = new JsonSchemaOptions { FormatAssertion = FormatAssertion, ValidateSchema = false };
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
