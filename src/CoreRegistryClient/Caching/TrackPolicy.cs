namespace CoreRegistryClient.Caching;

/// <summary>Which track a schema is taken from: the pinned track alone, or the preferred track unless it lacks
/// the schema or deprecates it, then the fallback.</summary>
/// <param name="Pinned">The only track used (<c>REGISTRY_TRACK</c>), or null to negotiate.</param>
/// <param name="Preferred">The track tried first.</param>
/// <param name="Fallback">The track used when the preferred one lacks or deprecates the schema.</param>
internal sealed record TrackPolicy(string? Pinned, string Preferred, string Fallback)
{
    /// <summary>The track callers ask for: the pinned one, else the preferred one.</summary>
    public string Requested => Pinned ?? Preferred;

    /// <summary>The tracks to try, in order (computed, so record equality compares the three tracks only).</summary>
    public IReadOnlyList<string> Candidates => Pinned is not null ? [Pinned]
        : string.Equals(Preferred, Fallback, StringComparison.Ordinal) ? [Preferred] : [Preferred, Fallback];
}
