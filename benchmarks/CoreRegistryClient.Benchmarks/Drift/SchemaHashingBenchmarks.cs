using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CoreRegistryClient.Drift;

namespace CoreRegistryClient.Benchmarks.Drift;

/// <summary>Canonical schema hashing on the bench-corpus schemas, against hashing the raw bytes (no parsing, no
/// canonical form) measured in the same run.</summary>
[MemoryDiagnoser]
public class SchemaHashingBenchmarks
{
    private byte[] _schema = [];
    private JsonDocument? _document;

    [Params("telemetry.FeedbackEvent", "md.BarBatch", "portfolio.AllocationRequest")]
    public string Schema { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _schema = File.ReadAllBytes(BenchCorpus.SchemaPath(Schema));
        _document = JsonDocument.Parse(_schema);
    }

    [GlobalCleanup]
    public void Cleanup() => _document?.Dispose();

    [Benchmark(Baseline = true, Description = "SHA-256 of raw bytes")]
    public string RawBytesSha256() => Convert.ToHexStringLower(SHA256.HashData(_schema));

    [Benchmark(Description = "JCS hash from bytes (parse + canonicalise + hash)")]
    public string JcsFromBytes() => SchemaHasher.ComputeSha256(_schema, CanonicalForm.Jcs);

    [Benchmark(Description = "Python hash from bytes")]
    public string PythonFromBytes() => SchemaHasher.ComputeSha256(_schema, CanonicalForm.Python);

    [Benchmark(Description = "JCS hash of a parsed JsonElement")]
    public string JcsFromElement() => SchemaHasher.ComputeSha256(_document!.RootElement, CanonicalForm.Jcs);

    [Benchmark(Description = "Naive: JsonNode sorted re-serialisation to string, then SHA-256")]
    public string NaiveSortedString() => NaiveCanonicalHash.Compute(_schema);
}
