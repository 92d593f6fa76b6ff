using System.Collections.Concurrent;
using System.Text.Json;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Tests.TestSupport;

/// <summary>An in-process <see cref="ISchemaRegistryClient"/> for unit tests: schemas per (track, name), a request log,
/// a failure switch and a gate that holds schema requests until released.</summary>
internal sealed class FakeRegistryClient : ISchemaRegistryClient
{
    private readonly ConcurrentDictionary<(string Track, string Name), RegistrySchema> _schemas = new();
    private int _schemaRequests;
    private int _indexRequests;

    /// <summary>Every call in order, e.g. <c>GET /schemas/v2/telemetry.FeedbackEvent</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public int SchemaRequests => Volatile.Read(ref _schemaRequests);

    public int IndexRequests => Volatile.Read(ref _indexRequests);

    /// <summary>When set, every call throws it (the registry is down).</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, schema requests wait for it before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completed when the first schema request arrives.</summary>
    public TaskCompletionSource FirstSchemaRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static RegistryUnavailableException Outage() => new("The registry is unavailable (connection refused).", RegistryErrorKind.Network);

    public void Put(string track, string name, string version, string schemaJson, bool deprecated = false)
    {
        using var document = JsonDocument.Parse(schemaJson);
        var sha = CoreRegistryClient.Testing.InMemorySchemaRegistry.ComputeSha256(schemaJson); // as the registry hashes it
        _schemas[(track, name)] = new RegistrySchema(name, track, version, sha, name, document.RootElement.Clone(), deprecated, null);
    }

    public void Remove(string track, string name) => _schemas.TryRemove((track, name), out _);

    public Task<RegistryHealth> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        Requests.Enqueue("GET /health");
        ThrowIfDown();
        return Task.FromResult(new RegistryHealth("healthy", null, "test"));
    }

    public Task<SchemaIndex> GetIndexAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _indexRequests);
        Requests.Enqueue("GET /index");
        ThrowIfDown();
        var tracks = _schemas.Values.GroupBy(s => s.Track).ToDictionary(
            g => g.Key,
            g => new TrackIndex(g.Count(), [.. g.Select(s => new SchemaIndexEntry(s.Name, s.SchemaId, s.Sha256, s.CoreVersion, s.Deprecated))]));
        return Task.FromResult(new SchemaIndex(tracks, null));
    }

    public async Task<RegistrySchema> GetSchemaAsync(string track, string name, string? version = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _schemaRequests);
        Requests.Enqueue($"GET /schemas/{track}/{name}");
        FirstSchemaRequest.TrySetResult();
        if (Gate is { } gate) await gate.Task.WaitAsync(cancellationToken);
        ThrowIfDown();
        return _schemas.TryGetValue((track, name), out var schema) ? schema : throw new SchemaNotFoundException($"Schema '{name}' not found on track {track}.");
    }

    public Task<RegistrySchema> GetSchemaByIdAsync(string schemaId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<SchemaVersionInfo>> GetVersionsAsync(string track, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CompatibilityResult> CheckCompatibilityAsync(CompatibilityQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task PublishSchemaAsync(PublishSchemaRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SyncAsync(SyncRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task PostTelemetryAsync(TelemetryEvent telemetryEvent, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    private void ThrowIfDown()
    {
        if (Failure is { } failure) throw failure;
    }
}
