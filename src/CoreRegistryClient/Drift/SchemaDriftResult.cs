using System.Text.Json.Serialization;

namespace CoreRegistryClient.Drift;

/// <summary>One schema's line in a <see cref="DriftReport"/>.</summary>
public sealed record SchemaDriftResult
{
    /// <summary>The schema name (without a <c>.schema</c> suffix).</summary>
    [JsonPropertyName("schema")]
    public required string Schema { get; init; }

    /// <summary>How the local copy compares with the registry.</summary>
    [JsonPropertyName("status")]
    public required DriftStatus Status { get; init; }

    /// <summary>The canonical SHA-256 of the local copy, or <see langword="null"/> when there is none (or it is unreadable).</summary>
    [JsonPropertyName("local_sha")]
    public string? LocalSha { get; init; }

    /// <summary>The canonical SHA-256 of the registry's content (same canonical form as <see cref="LocalSha"/>), when known.</summary>
    [JsonPropertyName("registry_sha")]
    public string? RegistrySha { get; init; }

    /// <summary>The version label of the local copy (from <c>_metadata.json</c>), when known.</summary>
    [JsonPropertyName("local_version")]
    public string? LocalVersion { get; init; }

    /// <summary>The registry's latest version label, when known.</summary>
    [JsonPropertyName("registry_version")]
    public string? RegistryVersion { get; init; }

    /// <summary>For <see cref="DriftStatus.Drift"/>: breaking or benign; otherwise <see langword="null"/>.</summary>
    [JsonPropertyName("classification")]
    public ChangeClassification? Classification { get; init; }

    /// <summary>What decided <see cref="Classification"/>, when there is one.</summary>
    [JsonPropertyName("decided_by")]
    public ClassificationSource? DecidedBy { get; init; }

    /// <summary>The structural differences, local copy → registry (empty unless drifted).</summary>
    [JsonPropertyName("changes")]
    public IReadOnlyList<SchemaChange> Changes { get; init; } = [];

    /// <summary>The registry's reasons when its compatibility check called the change breaking.</summary>
    [JsonPropertyName("registry_breaking_reasons")]
    public IReadOnlyList<string> RegistryBreakingReasons { get; init; } = [];

    /// <summary>Why the comparison could not be completed (unreadable local file, registry error), or <see langword="null"/>.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
