using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoreRegistryClient.Registry;

/// <summary><c>POST /admin/schemas</c> body.</summary>
/// <param name="Name">The schema name.</param>
/// <param name="Track">The track to publish to.</param>
/// <param name="CoreVersion">The version label.</param>
/// <param name="Content">The JSON Schema.</param>
/// <param name="SchemaIdStr">The schema id.</param>
/// <param name="Deprecated">Whether it is deprecated.</param>
/// <param name="DeprecationNote">Why, when it is.</param>
/// <param name="XCompat">Compatibility annotations.</param>
public sealed record PublishSchemaRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("track")] string Track,
    [property: JsonPropertyName("core_version")] string CoreVersion,
    [property: JsonPropertyName("content")] JsonElement Content,
    [property: JsonPropertyName("schema_id_str")] string? SchemaIdStr = null,
    [property: JsonPropertyName("deprecated")] bool Deprecated = false,
    [property: JsonPropertyName("deprecation_note")] string? DeprecationNote = null,
    [property: JsonPropertyName("x_compat")] JsonElement? XCompat = null);
