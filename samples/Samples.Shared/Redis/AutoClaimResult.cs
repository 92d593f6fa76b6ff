namespace CoreRegistryClient.Samples.Redis;

/// <summary>The reply of XAUTOCLAIM.</summary>
/// <param name="NextStartId">Where the next scan starts; <c>0-0</c> once the whole pending list was scanned.</param>
/// <param name="Claimed">Entries now owned by the claiming consumer.</param>
/// <param name="DeletedIds">Pending ids whose entries no longer exist in the stream (Redis 7+); Redis has
/// already removed them from the pending list.</param>
public sealed record AutoClaimResult(string NextStartId, IReadOnlyList<StreamEntry> Claimed, IReadOnlyList<string> DeletedIds);
