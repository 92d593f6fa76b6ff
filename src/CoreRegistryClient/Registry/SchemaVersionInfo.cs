using System.Text.Json.Serialization;

namespace CoreRegistryClient.Registry;

/// <summary>One version of a schema (<c>GET /schemas/{track}/{name}/versions</c>).</summary>
/// <param name="CoreVersion">The version label.</param>
/// <param name="Sha256">The sha256 of that version's content.</param>
/// <param name="CreatedAt">When it was published.</param>
/// <param name="Deprecated">Whether it is deprecated.</param>
public sealed record SchemaVersionInfo(
    [property: JsonRequired, JsonPropertyName("core_version")] string CoreVersion,
    [property: JsonRequired, JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("created_at")] string? CreatedAt,
    [property: JsonPropertyName("deprecated")] bool Deprecated);
