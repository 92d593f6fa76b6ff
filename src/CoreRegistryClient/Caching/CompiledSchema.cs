using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Caching;

/// <summary>A schema ready to validate: the compiled validator and where it came from. Immutable; a changed
/// schema is a new instance swapped into its <see cref="SchemaCacheEntry"/>.</summary>
internal sealed class CompiledSchema(
    string name,
    string requestedTrack,
    string track,
    string version,
    string sha256,
    JsonSchemaValidator validator,
    DateTimeOffset loadedAt,
    bool fromSnapshot)
{
    /// <summary>The name callers use (the cache key).</summary>
    public string Name { get; } = name;

    public string RequestedTrack { get; } = requestedTrack;

    public string Track { get; } = track;

    public string Version { get; } = version;

    public string Sha256 { get; } = sha256;

    public JsonSchemaValidator Validator { get; } = validator;

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    /// <summary>Loaded from the disk snapshot, not (yet) confirmed by the registry.</summary>
    public bool FromSnapshot { get; } = fromSnapshot;

    /// <summary>The <c>schema</c> metric tag, built once so the hot path passes it without allocating.</summary>
    public KeyValuePair<string, object?> SchemaTag { get; } = new("schema", name);

    /// <summary>Whether the registry's copy is the one already compiled here (nothing to recompile).</summary>
    public bool Matches(string requestedTrack, string track, string sha256) =>
        !FromSnapshot
        && string.Equals(RequestedTrack, requestedTrack, StringComparison.Ordinal)
        && string.Equals(Track, track, StringComparison.Ordinal)
        && string.Equals(Sha256, sha256, StringComparison.OrdinalIgnoreCase);
}
