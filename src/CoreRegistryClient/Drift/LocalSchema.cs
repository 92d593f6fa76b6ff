namespace CoreRegistryClient.Drift;

/// <summary>One local schema copy: its bytes and canonical hash, or why it could not be read.</summary>
internal sealed record LocalSchema(string Name, string Path, byte[]? Content, string? Sha, string? Version, string? Error);
