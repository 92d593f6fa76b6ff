using System.Text.Json.Serialization;

namespace CoreRegistryClient.Registry;

/// <summary>The schemas of one track.</summary>
/// <param name="Count">How many schemas the track holds.</param>
/// <param name="Schemas">The schemas.</param>
public sealed record TrackIndex(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonRequired, JsonPropertyName("schemas")] IReadOnlyList<SchemaIndexEntry> Schemas);
