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
