using System.Text.Json.Serialization;

namespace CoreRegistryClient.Registry;

/// <summary><c>POST /admin/sync</c> body.</summary>
/// <param name="Source"><c>github_release</c> or <c>local</c>.</param>
/// <param name="Ref">The release tag or git ref.</param>
/// <param name="Path">The path to sync from.</param>
public sealed record SyncRequest(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("ref")] string? Ref = null,
    [property: JsonPropertyName("path")] string? Path = null);
