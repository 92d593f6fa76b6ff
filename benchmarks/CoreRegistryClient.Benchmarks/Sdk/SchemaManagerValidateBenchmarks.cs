using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using CoreRegistryClient.JsonSchema;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.Benchmarks.Sdk;

/// <summary><c>ISchemaManager.Validate</c> on a cached schema against the raw engine on the same valid payload
/// (target: at most 10 % overhead). The manager adds the policy lookup, the cache read, two striped counters,
/// the metric instruments and the outcome struct.</summary>
/// <remarks><c>WithMeterListener</c> adds a listener that consumes every measurement, as an exporter would, to
/// show the instruments' cost when metrics are collected.</remarks>
[MemoryDiagnoser]
public class SchemaManagerValidateBenchmarks
{
    private byte[] _payload = [];
    private JsonSchemaValidator _engine = null!;
    private ServiceProvider _warn = null!;
    private ServiceProvider _strict = null!;
    private ISchemaManager _warnManager = null!;
    private ISchemaManager _strictManager = null!;
    private MeterListener? _listener;

    [Params("telemetry.FeedbackEvent", "md.BarBatch", "portfolio.AllocationRequest")]
    public string Schema { get; set; } = "";

    [Params(false, true)]
    public bool WithMeterListener { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = BenchCorpus.Payload(Schema, valid: true);
        _engine = JsonSchemaValidator.Parse(BenchCorpus.SchemaText(Schema));
        var registry = SdkBenchmarkHost.CorpusRegistry();
        _warn = SdkBenchmarkHost.Build("warn", registry);
        _strict = SdkBenchmarkHost.Build("strict", registry);
        _warnManager = _warn.GetRequiredService<ISchemaManager>();
        _strictManager = _strict.GetRequiredService<ISchemaManager>();
        if (!_warnManager.Validate(Schema, _payload).IsValid || !_strictManager.Validate(Schema, _payload).IsValid || !_engine.IsValid(_payload))
        {
            throw new InvalidOperationException($"The valid {Schema} payload did not validate.");
        }

        if (WithMeterListener)
        {
            _listener = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == "CoreRegistryClient") listener.EnableMeasurementEvents(instrument);
                },
            };
            _listener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
            _listener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
            _listener.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener?.Dispose();
        _warn.Dispose();
        _strict.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool RawEngine() => _engine.IsValid(_payload);

    [Benchmark]
    public bool ManagerWarn() => _warnManager.Validate(Schema, _payload).IsValid;

    [Benchmark]
    public bool ManagerStrict() => _strictManager.Validate(Schema, _payload, "order-42").IsValid;
}
