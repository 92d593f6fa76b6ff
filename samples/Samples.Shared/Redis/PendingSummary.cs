namespace CoreRegistryClient.Samples.Redis;

/// <summary>The summary form of XPENDING: how many entries a group has delivered but not acknowledged.</summary>
public sealed record PendingSummary(long Count, string? SmallestId, string? GreatestId, IReadOnlyDictionary<string, long> PerConsumer);
