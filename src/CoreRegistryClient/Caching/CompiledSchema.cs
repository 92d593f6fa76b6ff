namespace CoreRegistryClient.Caching;

/// <summary>A schema ready to validate: the compiled validator and where it came from. Immutable; a changed
/// schema is a new instance swapped into its <see cref="SchemaCacheEntry"/>.</summary>
internal sealed class CompiledSchema(
    string name,
    string requestedTrack,
    string track,
    string version,
    string sha256,
    ISchemaValidator validator,
    DateTimeOffset loadedAt,
    bool fromSnapshot,
    string? schemaId = null,
    bool deprecated = false,
    string? deprecationNote = null)
{
    /// <summary>The name callers use (the cache key).</summary>
    public string Name { get; } = name;

    public string RequestedTrack { get; } = requestedTrack;

    public string Track { get; } = track;

    public string Version { get; } = version;

    public string Sha256 { get; } = sha256;

    /// <summary>The compiled schema of the configured backend (<see cref="ISchemaValidatorFactory"/>).</summary>
    public ISchemaValidator Validator { get; } = validator;

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    /// <summary>Loaded from the disk snapshot, not (yet) confirmed by the registry.</summary>
    public bool FromSnapshot { get; } = fromSnapshot;

    /// <summary>The registry's schema id (<c>$schema_id</c>), or null when it gave none (or the schema came from a snapshot).</summary>
    public string? SchemaId { get; } = schemaId;

    /// <summary>Whether the registry marks this copy deprecated on its track (the loader only uses one when no track has a current copy).</summary>
    public bool Deprecated { get; } = deprecated;

    /// <summary>The registry's deprecation note, when deprecated.</summary>
    public string? DeprecationNote { get; } = deprecationNote;

    /// <summary>The <c>schema</c> metric tag, built once so the hot path passes it without allocating.</summary>
    public KeyValuePair<string, object?> SchemaTag { get; } = new("schema", name);

    /// <summary>Whether the registry's copy is the one already compiled here (nothing to recompile). When the
    /// deprecation is given (a fetched copy carries it; the index has no note), a copy deprecated or un-deprecated
    /// since is not the same: that metadata reaches HTTP clients as headers.</summary>
    public bool Matches(string requestedTrack, string track, string sha256, (bool Deprecated, string? Note)? deprecation = null) =>
        Runs(track, sha256)
        && string.Equals(RequestedTrack, requestedTrack, StringComparison.Ordinal)
        && (deprecation is not { } given || (Deprecated == given.Deprecated && string.Equals(DeprecationNote, given.Note, StringComparison.Ordinal)));

    /// <summary>Whether this is the registry's copy <paramref name="sha256"/> on <paramref name="track"/>, fetched
    /// (a snapshot copy is never taken as confirmed: it must be reloaded once the registry answers).</summary>
    public bool Runs(string track, string sha256) =>
        !FromSnapshot
        && string.Equals(Track, track, StringComparison.Ordinal)
        && string.Equals(Sha256, sha256, StringComparison.OrdinalIgnoreCase);
}
