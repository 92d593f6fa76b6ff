namespace CoreRegistryClient.Samples.Messaging;

/// <summary>An entry of a dead-letter stream.</summary>
/// <param name="Id">The dead-letter entry's own id.</param>
/// <param name="OriginalId">The id the message had in its source stream (field <c>original_id</c>).</param>
/// <param name="Reason">Why it was dead-lettered (field <c>reason</c>).</param>
/// <param name="Data">The original <c>data</c> field, byte for byte.</param>
internal sealed record DeadLetter(string Id, string OriginalId, string Reason, ReadOnlyMemory<byte> Data);
