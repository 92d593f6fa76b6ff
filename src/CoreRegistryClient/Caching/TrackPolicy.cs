using CoreRegistryClient.Registry;

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

    /// <summary>Where <paramref name="track"/> ranks among <see cref="Candidates"/> (0 = asked first), or -1 when this
    /// policy never asks it.</summary>
    public int Rank(string track)
    {
        var candidates = Candidates;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (string.Equals(candidates[i], track, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    /// <summary>The one negotiation rule, over an index: the copies of <paramref name="name"/> (either spelling) on
    /// the candidate tracks, best first: non-deprecated copies in track order, then deprecated ones.</summary>
    public IEnumerable<(string Track, SchemaIndexEntry Entry)> Listings(SchemaIndex index, string name)
    {
        ArgumentNullException.ThrowIfNull(index);
        var listed = new List<(string, SchemaIndexEntry)>(2);
        foreach (var track in Candidates)
        {
            if (index.Tracks is null || !index.Tracks.TryGetValue(track, out var trackIndex) || trackIndex?.Schemas is null) continue;
            foreach (var entry in trackIndex.Schemas)
            {
                if (entry is not null && SchemaNames.Same(entry.Name, name)) listed.Add((track, entry));
            }
        }

        return listed.OrderBy(l => l.Item2.Deprecated ? 1 : 0); // a stable sort keeps the track order within each group
    }

    /// <summary>The copy negotiation picks from the index, or null when no candidate track lists the name.</summary>
    public (string Track, SchemaIndexEntry Entry)? Choose(SchemaIndex index, string name) =>
        Listings(index, name).Select(l => ((string, SchemaIndexEntry)?)l).FirstOrDefault();
}
