using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CoreRegistryClient.JsonSchema;
using CoreRegistryClient.JsonSchema.Instance;
using CoreRegistryClient.JsonSchema.Tests.Instance;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>The instance tape alone on each engine payload: the engine's (<see cref="InstanceTape.Parse"/>, UTF-8
/// check and <see cref="TapeScanner"/>), the tape as <see cref="Utf8JsonReader"/> built it before (the tests'
/// <see cref="ReaderTape"/>, after the same UTF-8 check), against the floor of <see cref="EngineBenchmarks"/>.</summary>
public class TapeBenchmarks
{
    private byte[] _payload = [];
    private JsonToken[] _tape = new JsonToken[4096];
    private int[] _containers = new int[64];

    /// <summary>The bench-corpus or sample schema whose payload is read.</summary>
    [ParamsSource(nameof(Schemas))]
    public string Schema { get; set; } = "";

    /// <summary>Which payload of the schema: the valid or the invalid one.</summary>
    [Params("valid", "invalid")]
    public string Payload { get; set; } = "";

    public static IEnumerable<string> Schemas => EngineCases.Names;

    [GlobalSetup(Target = nameof(Floor))]
    public void SetupFloor() => Setup(() => Floor());

    [GlobalSetup(Target = nameof(Reader))]
    public void SetupReader() => Setup(() => Reader());

    [GlobalSetup(Target = nameof(Scanner))]
    public void SetupScanner() => Setup(() => Scanner());

    /// <summary>Loads the payload the parameters name (without the warm-up, for <see cref="InstructionLoop"/>).</summary>
    internal void SetPayload() => _payload = EngineCases.Payload(Schema, Payload == "valid");

    private void Setup(Func<object> measured)
    {
        SetPayload();
        if (Reader() != Scanner())
        {
            throw new InvalidOperationException($"{Schema}.{Payload}: the two tapes differ in length.");
        }

        WarmUp.Run(measured);
    }

    /// <summary>Reads every token and nothing more (as <see cref="EngineBenchmarks.Floor"/>).</summary>
    [Benchmark(Baseline = true)]
    public int Floor() => ReaderFloor.Read(_payload);

    /// <summary>The tape as built before the scanner: UTF-8 check, then <see cref="Utf8JsonReader"/>.</summary>
    [Benchmark]
    public int Reader()
    {
        _ = System.Text.Unicode.Utf8.IsValid(_payload);
        _ = ReaderTape.Parse(_payload, ref _tape, ref _containers, 64, out var count, out _);
        return count;
    }

    /// <summary>The engine's tape: UTF-8 check, then <see cref="TapeScanner"/>.</summary>
    [Benchmark]
    public int Scanner()
    {
        _ = InstanceTape.Parse(_payload, ref _tape, ref _containers, JsonSchemaOptions.Default.MaxDepth, out var count, out _, out _, out _);
        return count;
    }
}
