namespace CoreRegistryClient.Registry;

/// <summary>The query of <c>GET /compat/check</c>.</summary>
/// <param name="Name">The schema name.</param>
/// <param name="FromTrack">The track of the current version.</param>
/// <param name="FromVersion">The current version.</param>
/// <param name="ToTrack">The track of the candidate version.</param>
/// <param name="ToVersion">The candidate version.</param>
public sealed record CompatibilityQuery(string Name, string FromTrack, string FromVersion, string ToTrack, string ToVersion);
