using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CoreRegistryClient.JsonSchema;
using NetSchema = Json.Schema.JsonSchema;
using NJsonSchemaDocument = NJsonSchema.JsonSchema;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>Validation of each bench-corpus payload and the Portfolio.Api sample's bodies by our engine (flag and list output) and by the peers, in the
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

    public static IEnumerable<string> Schemas => EngineCases.Names;

    [GlobalSetup(Target = nameof(Floor))]
    public void SetupFloor() => Setup(() => Floor());

    [GlobalSetup(Target = nameof(OursFlag))]
    public void SetupOursFlag() => Setup(() => OursFlag());

    [GlobalSetup(Target = nameof(OursList))]
    public void SetupOursList() => Setup(() => OursList());

    [GlobalSetup(Target = nameof(OursListIfInvalid))]
    public void SetupOursListIfInvalid() => Setup(() => OursListIfInvalid());

    [GlobalSetup(Target = nameof(JsonSchemaNet))]
    public void SetupJsonSchemaNet() => Setup(() => JsonSchemaNet());

    [GlobalSetup(Target = nameof(NJsonSchema))]
    public void SetupNJsonSchema() => Setup(() => NJsonSchema());

    /// <summary>Prepares the payload and validators, then runs the measured method for a few seconds (<see cref="WarmUp"/>),
    /// so the short job measures optimised code.</summary>
    private void Setup(Func<object> measured)
    {
        var valid = Payload == "valid";
        _payload = EngineCases.Payload(Schema, valid);
        _payloadText = Encoding.UTF8.GetString(_payload);
        var schema = EngineCases.SchemaText(Schema);
        _ours = JsonSchemaValidator.Parse(schema, new JsonSchemaOptions { FormatAssertion = Formats });
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

        WarmUp.Run(measured);
    }

    /// <summary>Reads every token and nothing more: what no validator can beat.</summary>
    [Benchmark(Baseline = true)]
    public int Floor() => ReaderFloor.Read(_payload);

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
