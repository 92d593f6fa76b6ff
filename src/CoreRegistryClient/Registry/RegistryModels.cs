using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoreRegistryClient.Registry;

/// <summary><c>GET /health</c> response.</summary>
/// <param name="Status">"healthy" when the registry is up.</param>
/// <param name="Timestamp">When the registry answered.</param>
/// <param name="Version">The registry's own version.</param>
public sealed record RegistryHealth(
    [property: JsonRequired, JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("timestamp")] string? Timestamp,
    [property: JsonPropertyName("version")] string? Version);

/// <summary><c>GET /index</c> response.</summary>
/// <param name="Tracks">The index of each track (<c>v1</c>, <c>v2</c>).</param>
/// <param name="GeneratedAt">When the registry generated the index.</param>
public sealed record SchemaIndex(
    [property: JsonRequired, JsonPropertyName("tracks")] IReadOnlyDictionary<string, TrackIndex> Tracks,
    [property: JsonPropertyName("generated_at")] string? GeneratedAt);

/// <summary>The schemas of one track.</summary>
/// <param name="Count">How many schemas the track holds.</param>
/// <param name="Schemas">The schemas.</param>
public sealed record TrackIndex(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonRequired, JsonPropertyName("schemas")] IReadOnlyList<SchemaIndexEntry> Schemas);

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

/// <summary>The query of <c>GET /compat/check</c>.</summary>
/// <param name="Name">The schema name.</param>
/// <param name="FromTrack">The track of the current version.</param>
/// <param name="FromVersion">The current version.</param>
/// <param name="ToTrack">The track of the candidate version.</param>
/// <param name="ToVersion">The candidate version.</param>
public sealed record CompatibilityQuery(string Name, string FromTrack, string FromVersion, string ToTrack, string ToVersion);

/// <summary><c>GET /compat/check</c> response.</summary>
/// <param name="Compatible">Whether the change is backward compatible.</param>
/// <param name="BreakingReasons">Why it is not.</param>
/// <param name="Advice">What to do about it.</param>
/// <param name="XCompat">The schema's <c>x_compat</c> annotations, if any.</param>
public sealed record CompatibilityResult(
    [property: JsonRequired, JsonPropertyName("compatible")] bool Compatible,
    [property: JsonPropertyName("breaking_reasons")] IReadOnlyList<string> BreakingReasons,
    [property: JsonPropertyName("advice")] IReadOnlyList<string> Advice,
    [property: JsonPropertyName("x_compat")] JsonElement? XCompat);

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

/// <summary><c>POST /admin/sync</c> body.</summary>
/// <param name="Source"><c>github_release</c> or <c>local</c>.</param>
/// <param name="Ref">The release tag or git ref.</param>
/// <param name="Path">The path to sync from.</param>
public sealed record SyncRequest(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("ref")] string? Ref = null,
    [property: JsonPropertyName("path")] string? Path = null);

/// <summary><c>POST /admin/telemetry</c> body.</summary>
/// <param name="EventType">e.g. <c>telemetry.schema_drift</c>.</param>
/// <param name="Payload">The event payload.</param>
public sealed record TelemetryEvent(
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("payload")] JsonElement Payload);
