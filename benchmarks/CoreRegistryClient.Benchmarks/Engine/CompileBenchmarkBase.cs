using BenchmarkDotNet.Attributes;
using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>Compiling a schema (text to validator) with our engine and the peers, in the same run. Ours is measured
/// with meta-schema validation on (the default, which the peers do not do) and off. Baseline: JsonSchema.Net. Each
/// derived class supplies a set of schemas, so each set runs in a few minutes.</summary>
[MemoryDiagnoser]
public abstract class CompileBenchmarkBase
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(4);

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

    /// <summary>Prepares the schema and runs the measured method for a few seconds first: compiling walks many
    /// methods (meta-validation most), and on a loaded 2-core machine the runtime takes seconds to replace their
    /// tier-0 code, far longer than the short job's three warm-up iterations, so without this the figures mix
    /// tier-0 and optimised code differently for each method (a fresh process measured ours 79, 43, 23 then 15 µs
    /// per FeedbackEvent compile in successive 1.5 s windows).</summary>
    private void Setup(Func<object> measured)
    {
        _schema = LoadSchema();
        _options = new JsonSchemaOptions { FormatAssertion = FormatAssertion };
        _unchecked = new JsonSchemaOptions { FormatAssertion = FormatAssertion, ValidateSchema = false };
        var until = DateTime.UtcNow + WarmUp;
        do
        {
            _ = measured();
        }
        while (DateTime.UtcNow < until);
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
