using BenchmarkDotNet.Attributes;
using CoreRegistryClient.Caching;
using CoreRegistryClient.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.Benchmarks.Sdk;

/// <summary>The cost of finding a cached compiled schema: the hot-path cache read (dictionary lookup, freshness
/// check, LRU touch, hit counters), with one or a thousand schemas cached. Baseline: a plain dictionary read.</summary>
[MemoryDiagnoser]
public class SchemaCacheLookupBenchmarks
{
    private const string Target = "telemetry.FeedbackEvent";
    private readonly Dictionary<string, object> _plain = new(StringComparer.Ordinal);
    private ServiceProvider _services = null!;
    private SchemaCache _cache = null!;
    private TimeProvider _time = null!;

    [Params(1, 1000)]
    public int CachedSchemas { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var registry = new InMemorySchemaRegistry();
        var schema = BenchCorpus.SchemaText(Target);
        registry.Add("v1", Target, "1.0.0", schema);
        for (var i = 1; i < CachedSchemas; i++)
        {
            registry.Add("v1", $"filler.Schema{i}", "1.0.0", schema);
        }

        _services = SdkBenchmarkHost.Build("warn", registry, maxCachedSchemas: CachedSchemas);
        _cache = _services.GetRequiredService<SchemaCache>();
        _time = _services.GetRequiredService<TimeProvider>();
        var names = Enumerable.Range(1, CachedSchemas - 1).Select(i => $"filler.Schema{i}").Append(Target).ToList();
        if (!_services.GetRequiredService<ISchemaManager>().PreloadAsync(names).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("Preload failed.");
        }

        foreach (var name in names)
        {
            _plain[name] = name;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public object DictionaryRead() => _plain[Target];

    [Benchmark]
    public object? CacheHit() => _cache.Get(Target, _time.GetTimestamp(), out _);
}
