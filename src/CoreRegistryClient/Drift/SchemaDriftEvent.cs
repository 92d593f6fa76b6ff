using System.Text.Json.Serialization;

namespace CoreRegistryClient.Drift;

/// <summary>The <c>telemetry.schema_drift</c> event: one drifted schema, as the registry's telemetry endpoint and
/// dashboards expect it.</summary>
public sealed record SchemaDriftEvent
{
    /// <summary>The event type posted to <c>POST /admin/telemetry</c>.</summary>
    public const string EventType = "telemetry.schema_drift";

    /// <summary>The repository (service) holding the local copy.</summary>
    [JsonPropertyName("repo")]
    public required string Repo { get; init; }

    /// <summary>The schema name.</summary>
    [JsonPropertyName("schema")]
    public required string Schema { get; init; }

    /// <summary>The registry track compared against.</summary>
    [JsonPropertyName("track")]
    public required string Track { get; init; }

    /// <summary>The canonical SHA-256 of the local copy.</summary>
    [JsonPropertyName("local_sha256")]
    public string? LocalSha256 { get; init; }

    /// <summary>The local copy's version label.</summary>
    [JsonPropertyName("local_version")]
    public string? LocalVersion { get; init; }

    /// <summary>The canonical SHA-256 of the registry's content.</summary>
    [JsonPropertyName("registry_sha256")]
    public string? RegistrySha256 { get; init; }

    /// <summary>The registry's version label.</summary>
    [JsonPropertyName("registry_version")]
    public string? RegistryVersion { get; init; }

    /// <summary>The drift status (<c>drift</c>, <c>version_mismatch</c>, <c>missing_in_registry</c>, <c>missing_locally</c>).</summary>
    [JsonPropertyName("drift_type")]
    public required DriftStatus DriftType { get; init; }

    /// <summary><c>breaking</c> or <c>benign</c> for content drift, else <see langword="null"/>.</summary>
    [JsonPropertyName("classification")]
    public ChangeClassification? Classification { get; init; }

    /// <summary>When the drift was detected.</summary>
    [JsonPropertyName("detected_at")]
    public required DateTimeOffset DetectedAt { get; init; }
}
