using System.Text.Json.Serialization;

namespace CoreRegistryClient.Registry;

/// <summary><c>GET /index</c> response.</summary>
/// <param name="Tracks">The index of each track (<c>v1</c>, <c>v2</c>).</param>
/// <param name="GeneratedAt">When the registry generated the index.</param>
public sealed record SchemaIndex(
    [property: JsonRequired, JsonPropertyName("tracks")] IReadOnlyDictionary<string, TrackIndex> Tracks,
    [property: JsonPropertyName("generated_at")] string? GeneratedAt);
