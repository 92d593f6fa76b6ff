using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoreRegistryClient.Registry;

/// <summary>A schema as the registry serves it (<c>GET /schemas/...</c>).</summary>
/// <param name="Name">The schema name.</param>
/// <param name="Track">The track it came from.</param>
/// <param name="CoreVersion">Its version label.</param>
/// <param name="Sha256">The registry's sha256 of the content.</param>
/// <param name="SchemaId">The registry's schema id.</param>
/// <param name="Content">The JSON Schema itself.</param>
/// <param name="Deprecated">Whether it is deprecated.</param>
/// <param name="DeprecationNote">Why, when it is.</param>
public sealed record RegistrySchema(
    [property: JsonRequired, JsonPropertyName("name")] string Name,
    [property: JsonRequired, JsonPropertyName("track")] string Track,
    [property: JsonRequired, JsonPropertyName("core_version")] string CoreVersion,
    [property: JsonRequired, JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("$schema_id")] string? SchemaId,
    [property: JsonRequired, JsonPropertyName("content")] JsonElement Content,
    [property: JsonPropertyName("deprecated")] bool Deprecated,
    [property: JsonPropertyName("deprecation_note")] string? DeprecationNote);
