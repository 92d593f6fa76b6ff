using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CoreRegistryClient.JsonSchema;
using NetSchema = Json.Schema.JsonSchema;
using NJsonSchemaDocument = NJsonSchema.JsonSchema;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>Validation of each bench-corpus payload by our engine (flag and list output) and by the peers, in the
/// same run, each against the <see cref="Utf8JsonReader"/> floor, with format assertion off and on. Peers include
/// the parse a user must do (JsonSchema.Net: JsonDocument; NJsonSchema: Newtonsoft's reader inside Validate).</summary>
[MemoryDiagnoser]
public class PeerValidationBenchmarks
{
    private byte[] _payload = [];
    private string _payloadText = "";
    private JsonSchemaValidator _ours = null!;
    private NetSchema _jsonSchemaNet = null!;
    private NJsonSchemaDocument _nJsonSchema = null!;

    [ParamsSource(nameof(Schemas))]
    public string Schema { get; set; } = "";

    [Params("valid", "invalid")]
    public string Payload { get; set; } = "";

    /// <summary>Whether <c>format</c> is asserted (NJsonSchema always asserts it).</summary>
    [Params(false, true)]
    public bool Formats { get; set; }

    public static IEnumerable<string> Schemas => BenchCorpus.Names;

    [GlobalSetup]
    public void Setup()
    {
        var valid = Payload == "valid";
        _payload = BenchCorpus.Payload(Schema, valid);
        _payloadText = Encoding.UTF8.GetString(_payload);
        var schema = BenchCorpus.SchemaText(Schema);
        _ours = BenchCorpus.Compile(Schema, new JsonSchemaOptions { FormatAssertion = Formats });
        _jsonSchemaNet = Peers.CompileJsonSchemaNet(schema);
        _nJsonSchema = Peers.CompileNJsonSchema(schema);
        if (_ours.IsValid(_payload) != valid)
        {
            throw new InvalidOperationException($"{Schema}.{Payload}.json did not validate as {Payload}.");
        }

        // A peer that disagrees is still measured (its work is what a user would pay for), but say so.
        if (Peers.ValidateWithJsonSchemaNet(_jsonSchemaNet, _payload, Formats) != valid)
        {
            Console.WriteLine($"// JsonSchema.Net does not find {Schema}.{Payload}.json {Payload}.");
        }

        if (Peers.ValidateWithNJsonSchema(_nJsonSchema, _payloadText) != valid)
        {
            Console.WriteLine($"// NJsonSchema does not find {Schema}.{Payload}.json {Payload}.");
        }
    }

    /// <summary>Reads every token and nothing more: what no validator can beat.</summary>
    [Benchmark(Baseline = true)]
    public int Floor()
    {
        var reader = new Utf8JsonReader(_payload);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark]
    public bool OursFlag() => _ours.IsValid(_payload);

    [Benchmark]
    public int OursList() => _ours.Validate(_payload, OutputFormat.List).Errors.Count;

    /// <summary>The SDK's hot-path call: flag speed when valid, every error when not.</summary>
    [Benchmark]
    public int OursListIfInvalid() => _ours.Validate(_payload, OutputFormat.ListIfInvalid).Errors.Count;

    [Benchmark]
    public bool JsonSchemaNet() => Peers.ValidateWithJsonSchemaNet(_jsonSchemaNet, _payload, Formats);

    [Benchmark]
    public bool NJsonSchema() => Peers.ValidateWithNJsonSchema(_nJsonSchema, _payloadText);
}
