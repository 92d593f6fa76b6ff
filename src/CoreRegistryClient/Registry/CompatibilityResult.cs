using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoreRegistryClient.Registry;

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
