using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>Validation of each bench-corpus payload and of the Portfolio.Api sample's bodies (<see cref="EngineCases"/>),
/// against the floor no validator can beat: reading every token of the same bytes with <see cref="Utf8JsonReader"/>.
/// The Ratio column is time relative to that floor (target: valid payloads at most 2.5x, and 0 B allocated in flag
/// mode). Formats are not asserted, as the sample and the SDK configure them by default.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private byte[] _payload = [];
    private JsonSchemaValidator _validator = null!;

    /// <summary>The bench-corpus or sample schema.</summary>
    [ParamsSource(nameof(Schemas))]
    public string Schema { get; set; } = "";

    /// <summary>Which payload of the schema: the valid or the invalid one.</summary>
    [Params("valid", "invalid")]
    public string Payload { get; set; } = "";

    public static IEnumerable<string> Schemas => EngineCases.Names;

    [GlobalSetup(Target = nameof(Floor))]
    public void SetupFloor() => Setup(() => Floor());

    [GlobalSetup(Target = nameof(Flag))]
    public void SetupFlag() => Setup(() => Flag());

    [GlobalSetup(Target = nameof(List))]
    public void SetupList() => Setup(() => List());

    /// <summary>Prepares the payload and validator, then runs the measured method for a few seconds (<see cref="WarmUp"/>).</summary>
    private void Setup(Func<object> measured)
    {
        var valid = Payload == "valid";
        _payload = EngineCases.Payload(Schema, valid);
        _validator = JsonSchemaValidator.Parse(EngineCases.SchemaText(Schema));
        if (_validator.IsValid(_payload) != valid)
        {
            // A benchmark of the wrong outcome would measure the wrong path.
            throw new InvalidOperationException($"{Schema}.{Payload}.json did not validate as {Payload}.");
        }

        WarmUp.Run(measured);
    }

    /// <summary>Reads every token and nothing more.</summary>
    [Benchmark(Baseline = true)]
    public int Floor() => ReaderFloor.Read(_payload);

    /// <summary>Flag output: valid or not, stopping at the first failure.</summary>
    [Benchmark]
    public bool Flag() => _validator.IsValid(_payload);

    /// <summary>List output: every error with its locations.</summary>
    [Benchmark]
    public int List() => _validator.Validate(_payload, OutputFormat.List).Errors.Count;
}
