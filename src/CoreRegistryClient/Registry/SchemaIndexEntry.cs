using System.Text.Json.Serialization;

namespace CoreRegistryClient.Registry;

/// <summary>One schema in the index.</summary>
/// <param name="Name">The schema name, e.g. <c>telemetry.FeedbackEvent</c>.</param>
/// <param name="SchemaId">The registry's schema id.</param>
/// <param name="Sha256">The sha256 of the latest content (hex).</param>
/// <param name="LatestCoreVersion">The latest version label, e.g. <c>1.1.2</c>.</param>
/// <param name="Deprecated">Whether the schema is deprecated on this track.</param>
public sealed record SchemaIndexEntry(
    [property: JsonRequired, JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("$schema_id")] string? SchemaId,
    [property: JsonRequired, JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("latest_core_version")] string? LatestCoreVersion,
    [property: JsonPropertyName("deprecated")] bool Deprecated);
