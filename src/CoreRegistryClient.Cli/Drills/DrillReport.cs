using System.Text.Json.Serialization;

namespace CoreRegistryClient.Cli.Drills;

/// <summary>What <c>drill --json</c> prints: every step with its outcome.</summary>
internal sealed record DrillReport(
    [property: JsonPropertyName("drill")] DrillKind Kind,
    [property: JsonPropertyName("registry_url")] string RegistryUrl,
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("track")] string Track,
    [property: JsonPropertyName("versions")] IReadOnlyList<string> Versions,
    [property: JsonPropertyName("steps")] IReadOnlyList<DrillStep> Steps,
    [property: JsonPropertyName("cleaned_up")] bool CleanedUp)
{
    /// <summary>Whether every step passed.</summary>
    [JsonPropertyName("passed")]
    public bool Passed => Steps.Count > 0 && Steps.All(s => s.Passed);
}
