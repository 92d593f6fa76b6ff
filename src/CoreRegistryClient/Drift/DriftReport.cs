using System.Text.Json.Serialization;

namespace CoreRegistryClient.Drift;

/// <summary>The result of comparing a directory of local schema copies with one registry track
/// (<c>drift_report.json</c>). Field names are the ones existing dashboards read.</summary>
public sealed record DriftReport
{
    /// <summary>The track compared against (<c>v1</c>, <c>v2</c>).</summary>
    [JsonPropertyName("track")]
    public required string Track { get; init; }

    /// <summary>The registry's base URL, when known.</summary>
    [JsonPropertyName("registry_url")]
    public string? RegistryUrl { get; init; }

    /// <summary>When the report was produced.</summary>
    [JsonPropertyName("generated_at")]
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The canonical form both sides were hashed with: <c>jcs</c> or <c>python</c>.</summary>
    [JsonPropertyName("canonical_form")]
    public required string CanonicalForm { get; init; }

    /// <summary>Whether the registry's index could be read. When false every status is <see cref="DriftStatus.Unknown"/>:
    /// an unreachable registry is not drift.</summary>
    [JsonPropertyName("registry_available")]
    public required bool RegistryAvailable { get; init; }

    /// <summary>Why the registry was unavailable, or <see langword="null"/>.</summary>
    [JsonPropertyName("registry_error")]
    public string? RegistryError { get; init; }

    /// <summary>How many schemas the report lists.</summary>
    [JsonPropertyName("total_schemas")]
    public int TotalSchemas => Schemas.Count;

    /// <summary>How many are <see cref="DriftStatus.Synced"/>.</summary>
    [JsonPropertyName("synced")]
    public int Synced => Count(DriftStatus.Synced);

    /// <summary>How many count as drift: <see cref="DriftStatus.Drift"/>, <see cref="DriftStatus.VersionMismatch"/>,
    /// <see cref="DriftStatus.MissingInRegistry"/>, and <see cref="DriftStatus.MissingLocally"/> when
    /// <see cref="MissingLocallyCountsAsDrift"/>.</summary>
    [JsonPropertyName("drifted")]
    public int Drifted => Schemas.Count(s => IsDrift(s.Status));

    /// <summary>How many drifted schemas were classified breaking.</summary>
    [JsonPropertyName("breaking")]
    public int Breaking => Schemas.Count(s => s.Classification == ChangeClassification.Breaking);

    /// <summary>How many are <see cref="DriftStatus.MissingLocally"/>.</summary>
    [JsonPropertyName("missing_locally")]
    public int MissingLocally => Count(DriftStatus.MissingLocally);

    /// <summary>How many are <see cref="DriftStatus.Unknown"/>.</summary>
    [JsonPropertyName("unknown")]
    public int Unknown => Count(DriftStatus.Unknown);

    /// <summary>Whether <see cref="DriftStatus.MissingLocally"/> was counted in <see cref="Drifted"/>.</summary>
    [JsonPropertyName("missing_locally_counts_as_drift")]
    public bool MissingLocallyCountsAsDrift { get; init; }

    /// <summary>One line per schema, ordered by name.</summary>
    [JsonPropertyName("schemas")]
    public required IReadOnlyList<SchemaDriftResult> Schemas { get; init; }

    /// <summary>Whether <paramref name="status"/> counts as drift in this report.</summary>
    public bool IsDrift(DriftStatus status) => status switch
    {
        DriftStatus.Drift or DriftStatus.VersionMismatch or DriftStatus.MissingInRegistry => true,
        DriftStatus.MissingLocally => MissingLocallyCountsAsDrift,
        _ => false,
    };

    private int Count(DriftStatus status) => Schemas.Count(s => s.Status == status);
}
