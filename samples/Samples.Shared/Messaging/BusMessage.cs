namespace CoreRegistryClient.Samples.Messaging;

/// <summary>A message delivered to a consumer.</summary>
/// <param name="Stream">The stream it was read from.</param>
/// <param name="Id">Its stream id (<c>ms-seq</c>).</param>
/// <param name="Data">The bytes of its <c>data</c> field (the envelope JSON); empty if the entry had no such field.</param>
/// <param name="DeliveryCount">How many times it has been delivered, this time included.</param>
internal sealed record BusMessage(string Stream, string Id, ReadOnlyMemory<byte> Data, long DeliveryCount);
