namespace CoreRegistryClient.Enforcement;

/// <summary>One cached schema in <see cref="SchemaManagerStats"/>.</summary>
/// <param name="Name">The schema name.</param>
/// <param name="RequestedTrack">The track asked for.</param>
/// <param name="Track">The track in use, or null when no validator is loaded.</param>
/// <param name="Version">The version in use, or null when no validator is loaded.</param>
/// <param name="Sha256">The registry's sha256 of the schema in use.</param>
/// <param name="LoadedAt">When the validator in use was loaded.</param>
/// <param name="IsStale">Whether it is past its TTL (still serving while a refresh is pending or failing).</param>
/// <param name="FromSnapshot">Whether it was loaded from the disk snapshot rather than the registry.</param>
/// <param name="LastError">The last registry error for this schema (e.g. <c>network</c>), or null after a success.</param>
public sealed record CachedSchemaStats(
    string Name,
    string RequestedTrack,
    string? Track,
    string? Version,
    string? Sha256,
    DateTimeOffset? LoadedAt,
    bool IsStale,
    bool FromSnapshot,
    string? LastError);
