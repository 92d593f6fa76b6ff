using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using CoreRegistryClient.Drift;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Testing;

/// <summary>An <see cref="ISchemaRegistryClient"/> held in memory, for unit tests of code that talks to the registry,
/// and the store behind <see cref="LoopbackRegistryServer"/>. Thread-safe: schemas can be added, replaced and
/// deprecated while other threads read.</summary>
/// <remarks>
/// <para><b>Hashes.</b> <c>sha256</c> is computed as the registry service computes it: the lowercase hex SHA-256 of
/// <c>json.dumps(content, sort_keys=True)</c>, i.e. the <see cref="CanonicalForm.Python"/> canonical form. Key order and
/// whitespace do not change it; any change to the JSON value does. Clients verify content against it.</para>
/// <para><b>Versions.</b> A schema has any number of versions per track; the latest is the highest label, compared
/// part by part (<c>1.10.0</c> &gt; <c>1.9.0</c>). Adding an existing version replaces it.</para>
/// <para><b>Names.</b> Lookups through the <see cref="ISchemaRegistryClient"/> methods accept a name with or without
/// the <c>.schema</c> suffix (the stored spelling is tried first). The loopback server, like a real registry, answers
/// only the stored spelling.</para>
/// <para><b>Compatibility.</b> <see cref="CheckCompatibilityAsync"/> answers "compatible" unless a test configured
/// otherwise with <see cref="SetCompatibility(CompatibilityQuery, CompatibilityResult)"/>.</para>
/// </remarks>
public sealed class InMemorySchemaRegistry : ISchemaRegistryClient
{
    private static readonly CompatibilityResult Compatible = new(true, [], [], null);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Track, string Name), SortedList<string, StoredSchemaVersion>> _schemas = [];
    private readonly Dictionary<CompatibilityQuery, CompatibilityResult> _compatibilityByQuery = [];
    private readonly Dictionary<string, CompatibilityResult> _compatibilityByName = new(StringComparer.Ordinal);
    private readonly List<TelemetryEvent> _telemetryEvents = [];
    private readonly List<SyncRequest> _syncRequests = [];
    private readonly List<PublishSchemaRequest> _publishedSchemas = [];
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private volatile bool _unavailable;
    private DateTimeOffset? _changedAt;

    /// <summary>Creates an empty registry.</summary>
    /// <param name="timeProvider">The clock for <c>created_at</c> and <c>generated_at</c> (the time the index last changed). Default: the system clock.</param>
    public InMemorySchemaRegistry(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Creates a registry loaded from a schema folder (see <see cref="LoadDirectory"/>).</summary>
    /// <param name="directory">The folder holding one sub-folder per track.</param>
    /// <param name="defaultVersion">The version of a file whose name carries none.</param>
    public static InMemorySchemaRegistry FromDirectory(string directory, string defaultVersion = "1.0.0") =>
        new InMemorySchemaRegistry().LoadDirectory(directory, defaultVersion);

    /// <summary>When true, every <see cref="ISchemaRegistryClient"/> call throws a <see cref="RegistryUnavailableException"/>
    /// (kind <see cref="RegistryErrorKind.Network"/>), as a client would during an outage. The loopback server is not
    /// affected (it has its own <see cref="LoopbackRegistryServer.Down"/> switch). Default: false.</summary>
    public bool Unavailable
    {
        get => _unavailable;
        set => _unavailable = value;
    }

    /// <summary>Telemetry events posted through <see cref="PostTelemetryAsync"/> (or <c>POST /admin/telemetry</c>), oldest first.</summary>
    public IReadOnlyList<TelemetryEvent> TelemetryEvents
    {
        get
        {
            lock (_gate)
            {
                return [.. _telemetryEvents];
            }
        }
    }

    /// <summary>Sync requests received through <see cref="SyncAsync"/> (or <c>POST /admin/sync</c>), oldest first.</summary>
    public IReadOnlyList<SyncRequest> SyncRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _syncRequests];
            }
        }
    }

    /// <summary>Schemas published through <see cref="PublishSchemaAsync"/> (or <c>POST /admin/schemas</c>), oldest first.
    /// Each one was also added to the registry.</summary>
    public IReadOnlyList<PublishSchemaRequest> PublishedSchemas
    {
        get
        {
            lock (_gate)
            {
                return [.. _publishedSchemas];
            }
        }
    }

    /// <summary>How many times the <see cref="ISchemaRegistryClient"/> methods were called (failed calls included).</summary>
    /// <param name="methodName">A method name such as <c>nameof(ISchemaRegistryClient.GetSchemaAsync)</c>, or null for all methods.</param>
    public int CallCount(string? methodName = null) =>
        methodName is null ? _calls.Values.Sum() : _calls.GetValueOrDefault(methodName);

    /// <summary>Adds a schema version, or replaces it when that version exists.</summary>
    /// <param name="track">The track, e.g. <c>v1</c> or <c>v2</c>.</param>
    /// <param name="name">The schema name, e.g. <c>telemetry.FeedbackEvent</c>.</param>
    /// <param name="version">The version label, e.g. <c>1.1.2</c>.</param>
    /// <param name="contentJson">The JSON Schema text (an object or a boolean).</param>
    /// <param name="deprecated">Whether this version is deprecated.</param>
    /// <param name="deprecationNote">Why, when it is.</param>
    /// <param name="schemaId">The registry's schema id (<c>$schema_id</c>). Default: the name.</param>
    /// <returns>This registry, to chain calls.</returns>
    /// <exception cref="ArgumentException">An argument is empty, or the content is not a JSON Schema document.</exception>
    public InMemorySchemaRegistry Add(
        string track,
        string name,
        string version,
        string contentJson,
        bool deprecated = false,
        string? deprecationNote = null,
        string? schemaId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(track);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(contentJson);
        if (SchemaDirectoryLoader.Problem(contentJson) is { } problem)
        {
            throw new ArgumentException($"The content of schema '{name}' {version} on track '{track}' is {problem}", nameof(contentJson));
        }

        var stored = new StoredSchemaVersion(
            track, name, version, schemaId ?? name, contentJson, ComputeSha256(contentJson), _timeProvider.GetUtcNow(), deprecated, deprecationNote);
        lock (_gate)
        {
            if (!_schemas.TryGetValue((track, name), out var versions))
            {
                versions = new SortedList<string, StoredSchemaVersion>(VersionLabelComparer.Instance);
                _schemas.Add((track, name), versions);
            }

            versions[version] = stored;
            Changed();
        }

        return this;
    }

    /// <summary>Loads every schema of a folder, adding to (or replacing versions in) what the registry holds.</summary>
    /// <remarks>
    /// Layout: one sub-folder per track; in it
    /// <list type="bullet">
    /// <item><c>{name}.json</c>: version <paramref name="defaultVersion"/> of schema <c>{name}</c>;</item>
    /// <item><c>{name}@{version}.json</c>: that version (several files give several versions);</item>
    /// <item><c>{name}.deprecated</c> (optional): deprecates the latest version; the file's text is the deprecation note.</item>
    /// </list>
    /// Files directly in <paramref name="directory"/> and other extensions are ignored. Example:
    /// <c>schemas/v1/telemetry.FeedbackEvent.json</c>, <c>schemas/v2/telemetry.FeedbackEvent@2.0.0.json</c>.
    /// </remarks>
    /// <param name="directory">The folder holding one sub-folder per track.</param>
    /// <param name="defaultVersion">The version of a file whose name carries none. Default: <c>1.0.0</c>.</param>
    /// <returns>This registry, to chain calls.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is not a JSON Schema document, or a sidecar names no schema; the message names the file.</exception>
    public InMemorySchemaRegistry LoadDirectory(string directory, string defaultVersion = "1.0.0")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultVersion);
        SchemaDirectoryLoader.Load(this, directory, defaultVersion);
        return this;
    }

    /// <summary>Deprecates the latest version of a schema on a track.</summary>
    /// <param name="track">The track.</param>
    /// <param name="name">The schema name, as stored.</param>
    /// <param name="note">Why it is deprecated.</param>
    /// <returns>False when the schema does not exist on that track.</returns>
    public bool Deprecate(string track, string name, string? note = null)
    {
        lock (_gate)
        {
            if (!_schemas.TryGetValue((track, name), out var versions) || versions.Count == 0)
            {
                return false;
            }

            var latest = versions.Values[^1];
            versions[latest.Version] = latest with { Deprecated = true, DeprecationNote = note };
            Changed();
            return true;
        }
    }

    /// <summary>Removes every version of a schema from a track.</summary>
    /// <returns>False when there was nothing to remove.</returns>
    public bool Remove(string track, string name)
    {
        lock (_gate)
        {
            var removed = _schemas.Remove((track, name));
            if (removed) Changed();
            return removed;
        }
    }

    /// <summary>Removes every schema, compatibility answer and recorded admin call.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _schemas.Clear();
            Changed();
            _compatibilityByQuery.Clear();
            _compatibilityByName.Clear();
            _telemetryEvents.Clear();
            _syncRequests.Clear();
            _publishedSchemas.Clear();
        }
    }

    /// <summary>Makes <see cref="CheckCompatibilityAsync"/> give this answer for exactly this query.</summary>
    public void SetCompatibility(CompatibilityQuery query, CompatibilityResult result)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            _compatibilityByQuery[query] = result;
        }
    }

    /// <summary>Makes <see cref="CheckCompatibilityAsync"/> give this answer for any query about the schema
    /// (an exact query set with the other overload wins).</summary>
    public void SetCompatibility(string name, CompatibilityResult result)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            _compatibilityByName[name] = result;
        }
    }

    /// <summary>The <c>sha256</c> this registry reports for <paramref name="contentJson"/>: SHA-256 (lowercase hex) of its
    /// Python canonical form, as the registry service computes it.</summary>
    /// <exception cref="CanonicalJsonException">The content is not JSON, or nests too deeply.</exception>
    public static string ComputeSha256(string contentJson)
    {
        ArgumentNullException.ThrowIfNull(contentJson);
        return SchemaHasher.ComputeSha256(Encoding.UTF8.GetBytes(contentJson), CanonicalForm.Python);
    }

    /// <inheritdoc />
    public Task<RegistryHealth> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        Enter(nameof(GetHealthAsync), cancellationToken);
        return Task.FromResult(new RegistryHealth("healthy", Now(), "in-memory"));
    }

    /// <inheritdoc />
    public Task<SchemaIndex> GetIndexAsync(CancellationToken cancellationToken = default)
    {
        Enter(nameof(GetIndexAsync), cancellationToken);
        return Task.FromResult(BuildIndex());
    }

    /// <inheritdoc />
    public Task<RegistrySchema> GetSchemaAsync(string track, string name, string? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(track);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Enter(nameof(GetSchemaAsync), cancellationToken);
        var schema = FindSchema(track, name, version) ?? FindSchema(track, SchemaNames.Alternate(name), version)
            ?? throw new SchemaNotFoundException(version is null
                ? $"Schema '{name}' on track '{track}' was not found in the in-memory registry."
                : $"Version '{version}' of schema '{name}' on track '{track}' was not found in the in-memory registry.");
        return Task.FromResult(schema);
    }

    /// <inheritdoc />
    public Task<RegistrySchema> GetSchemaByIdAsync(string schemaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaId);
        Enter(nameof(GetSchemaByIdAsync), cancellationToken);
        var schema = FindSchemaById(schemaId) ?? FindSchemaById(SchemaNames.Alternate(schemaId))
            ?? throw new SchemaNotFoundException($"Schema id '{schemaId}' was not found in the in-memory registry.");
        return Task.FromResult(schema);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SchemaVersionInfo>> GetVersionsAsync(string track, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(track);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Enter(nameof(GetVersionsAsync), cancellationToken);
        var versions = FindVersions(track, name) ?? FindVersions(track, SchemaNames.Alternate(name))
            ?? throw new SchemaNotFoundException($"Schema '{name}' on track '{track}' was not found in the in-memory registry.");
        return Task.FromResult(versions);
    }

    /// <inheritdoc />
    public Task<CompatibilityResult> CheckCompatibilityAsync(CompatibilityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Enter(nameof(CheckCompatibilityAsync), cancellationToken);
        return Task.FromResult(EvaluateCompatibility(query));
    }

    /// <inheritdoc />
    /// <remarks>Adds the schema, then records the request in <see cref="PublishedSchemas"/>. No token is needed. Content
    /// that is not a JSON Schema document is refused with a <see cref="RegistryException"/> of kind
    /// <see cref="RegistryErrorKind.Rejected"/>.</remarks>
    public Task PublishSchemaAsync(PublishSchemaRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Enter(nameof(PublishSchemaAsync), cancellationToken);
        try
        {
            Publish(request);
        }
        catch (ArgumentException exception)
        {
            // What the HTTP client reports when a real registry refuses a publish with 422.
            throw new RegistryException(exception.Message, RegistryErrorKind.Rejected, HttpStatusCode.UnprocessableEntity, exception);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Only records the request in <see cref="SyncRequests"/>. No token is needed.</remarks>
    public Task SyncAsync(SyncRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Enter(nameof(SyncAsync), cancellationToken);
        RecordSync(request);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Records the event in <see cref="TelemetryEvents"/>. No token is needed.</remarks>
    public Task PostTelemetryAsync(TelemetryEvent telemetryEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(telemetryEvent);
        Enter(nameof(PostTelemetryAsync), cancellationToken);
        RecordTelemetry(telemetryEvent);
        return Task.CompletedTask;
    }

    internal SchemaIndex BuildIndex()
    {
        lock (_gate)
        {
            var tracks = new SortedDictionary<string, TrackIndex>(StringComparer.Ordinal);
            foreach (var group in _schemas.Where(pair => pair.Value.Count > 0).GroupBy(pair => pair.Key.Track, StringComparer.Ordinal))
            {
                var entries = group
                    .OrderBy(pair => pair.Key.Name, StringComparer.Ordinal)
                    .Select(pair => pair.Value.Values[^1])
                    .Select(latest => new SchemaIndexEntry(latest.Name, latest.SchemaId, latest.Sha256, latest.Version, latest.Deprecated))
                    .ToList();
                tracks[group.Key] = new TrackIndex(entries.Count, entries);
            }

            // generated_at is when the schemas last changed, so an unchanged index is byte-identical (its ETag is strong).
            return new SchemaIndex(tracks, (_changedAt ?? _timeProvider.GetUtcNow()).ToString("O", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Exact-name lookup: the latest version, or the given one.</summary>
    internal RegistrySchema? FindSchema(string track, string name, string? version)
    {
        StoredSchemaVersion? stored;
        lock (_gate)
        {
            if (!_schemas.TryGetValue((track, name), out var versions) || versions.Count == 0)
            {
                return null;
            }

            stored = version is null ? versions.Values[^1] : versions.GetValueOrDefault(version);
        }

        return stored?.ToRegistrySchema();
    }

    /// <summary>Exact-id lookup: the latest version, from the first track in ordinal order that has the id.</summary>
    internal RegistrySchema? FindSchemaById(string schemaId)
    {
        StoredSchemaVersion? stored;
        lock (_gate)
        {
            stored = _schemas
                .Where(pair => pair.Value.Count > 0 && pair.Value.Values[^1].SchemaId == schemaId)
                .OrderBy(pair => pair.Key.Track, StringComparer.Ordinal)
                .Select(pair => pair.Value.Values[^1])
                .FirstOrDefault();
        }

        return stored?.ToRegistrySchema();
    }

    /// <summary>Exact-name lookup of every version, oldest first.</summary>
    internal IReadOnlyList<SchemaVersionInfo>? FindVersions(string track, string name)
    {
        lock (_gate)
        {
            return _schemas.TryGetValue((track, name), out var versions) && versions.Count > 0
                ? versions.Values.Select(version => version.ToVersionInfo()).ToList()
                : null;
        }
    }

    internal CompatibilityResult EvaluateCompatibility(CompatibilityQuery query)
    {
        lock (_gate)
        {
            return _compatibilityByQuery.GetValueOrDefault(query)
                ?? _compatibilityByName.GetValueOrDefault(query.Name)
                ?? _compatibilityByName.GetValueOrDefault(SchemaNames.Alternate(query.Name))
                ?? Compatible;
        }
    }

    internal void Publish(PublishSchemaRequest request)
    {
        Add(request.Track, request.Name, request.CoreVersion, request.Content.GetRawText(), request.Deprecated, request.DeprecationNote, request.SchemaIdStr);
        lock (_gate)
        {
            _publishedSchemas.Add(request with { Content = request.Content.Clone(), XCompat = request.XCompat?.Clone() });
        }
    }

    internal void RecordSync(SyncRequest request)
    {
        lock (_gate)
        {
            _syncRequests.Add(request);
        }
    }

    internal void RecordTelemetry(TelemetryEvent telemetryEvent)
    {
        lock (_gate)
        {
            _telemetryEvents.Add(telemetryEvent with { Payload = telemetryEvent.Payload.Clone() });
        }
    }

    private void Enter(string methodName, CancellationToken cancellationToken)
    {
        _calls.AddOrUpdate(methodName, 1, static (_, count) => count + 1);
        cancellationToken.ThrowIfCancellationRequested();
        if (_unavailable)
        {
            throw new RegistryUnavailableException("The in-memory registry is set unavailable.", RegistryErrorKind.Network);
        }
    }

    /// <summary>Records that the index changed (under the lock).</summary>
    private void Changed() => _changedAt = _timeProvider.GetUtcNow();

    private string Now() => _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
