using System.Text.Json.Serialization;

namespace CoreRegistryClient.Cli.Drills;

/// <summary>One checked step of a drill.</summary>
internal sealed record DrillStep(
    [property: JsonPropertyName("step")] string Name,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("detail")] string Detail);
