using System.Collections.Concurrent;
using System.Text.Json;
using CoreRegistryClient.Drift;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Tests.Drift;

/// <summary>A small scriptable registry for the drift reporter's unit tests: schemas per track, an index whose
/// sha256 is computed in a chosen canonical form, failure switches and call records.</summary>
internal sealed class FakeSchemaRegistry : ISchemaRegistryClient
{
    private readonly Dictionary<(string Track, string Name), (string Version, JsonElement Content)> _schemas = [];
    private readonly HashSet<string> _emptyTracks = [];

    public CanonicalForm IndexHashForm { get; set; } = CanonicalForm.Python;

    public Exception? IndexFailure { get; set; }

    public Dictionary<string, Exception> FetchFailures { get; } = new(StringComparer.Ordinal);

    public Func<CompatibilityQuery, CompatibilityResult>? Compatibility { get; set; }

    public Exception? TelemetryFailure { get; set; }

    public ConcurrentQueue<string> Fetches { get; } = new();

    public ConcurrentQueue<CompatibilityQuery> CompatibilityQueries { get; } = new();

    public ConcurrentQueue<TelemetryEvent> Telemetry { get; } = new();

    public FakeSchemaRegistry Add(string track, string name, string version, string json)
    {
        using var document = JsonDocument.Parse(json);
        _schemas[(track, name)] = (version, document.RootElement.Clone());
        return this;
    }

    public FakeSchemaRegistry AddTrack(string track)
    {
        _emptyTracks.Add(track);
        return this;
    }

    public Task<SchemaIndex> GetIndexAsync(CancellationToken cancellationToken = default)
    {
        if (IndexFailure is not null)
        {
            throw IndexFailure;
        }

        var tracks = _schemas
            .GroupBy(s => s.Key.Track)
            .ToDictionary(
                g => g.Key,
                g => new TrackIndex(g.Count(), [.. g.Select(s => new SchemaIndexEntry(s.Key.Name, s.Key.Name, SchemaHasher.ComputeSha256(s.Value.Content, IndexHashForm), s.Value.Version, false))]));
        foreach (var track in _emptyTracks.Where(t => !tracks.ContainsKey(t)))
        {
            tracks[track] = new TrackIndex(0, []);
        }

        return Task.FromResult(new SchemaIndex(tracks, DateTimeOffset.UtcNow.ToString("O")));
    }

    public Task<RegistrySchema> GetSchemaAsync(string track, string name, string? version = null, CancellationToken cancellationToken = default)
    {
        Fetches.Enqueue(name);
        if (FetchFailures.TryGetValue(name, out var failure))
        {
            throw failure;
        }

        if (!_schemas.TryGetValue((track, name), out var schema))
        {
            throw new SchemaNotFoundException($"{track}/{name} not found");
        }

        return Task.FromResult(new RegistrySchema(name, track, schema.Version, SchemaHasher.ComputeSha256(schema.Content, IndexHashForm), name, schema.Content, false, null));
    }

    public Task<CompatibilityResult> CheckCompatibilityAsync(CompatibilityQuery query, CancellationToken cancellationToken = default)
    {
        CompatibilityQueries.Enqueue(query);
        if (Compatibility is null)
        {
            throw new SchemaNotFoundException("/compat/check is not served by this registry");
        }

        return Task.FromResult(Compatibility(query));
    }

    public Task PostTelemetryAsync(TelemetryEvent telemetryEvent, CancellationToken cancellationToken = default)
    {
        if (TelemetryFailure is not null)
        {
            throw TelemetryFailure;
        }

        Telemetry.Enqueue(telemetryEvent);
        return Task.CompletedTask;
    }

    public Task<RegistryHealth> GetHealthAsync(CancellationToken cancellationToken = default) => Task.FromResult(new RegistryHealth("healthy", null, "fake"));

    public Task<RegistrySchema> GetSchemaByIdAsync(string schemaId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<SchemaVersionInfo>> GetVersionsAsync(string track, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task PublishSchemaAsync(PublishSchemaRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SyncAsync(SyncRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
