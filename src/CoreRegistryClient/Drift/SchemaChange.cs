using System.Text.Json.Serialization;

namespace CoreRegistryClient.Drift;

/// <summary>One difference between the local copy (before) and the registry's schema (after).</summary>
/// <param name="Location">JSON Pointer (serialised as <c>pointer</c>) to the changed place (in the registry schema; in the local one for a removal).</param>
/// <param name="Kind">What changed, as a stable snake_case code (e.g. <c>required_property_added</c>, <c>bound_tightened</c>).</param>
/// <param name="Classification">Whether this change alone is breaking or benign.</param>
/// <param name="Description">A readable sentence for people.</param>
public sealed record SchemaChange(
    [property: JsonPropertyName("pointer")] string Location,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("classification")] ChangeClassification Classification,
    [property: JsonPropertyName("description")] string Description);
