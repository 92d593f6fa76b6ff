namespace CoreRegistryClient.Samples.Messaging;

/// <summary>How a handled message is finished: acknowledged, and dead-lettered first when
/// <paramref name="DeadLetterReason"/> is set.</summary>
/// <param name="Message">The message.</param>
/// <param name="Key">Its idempotency key: the envelope id when there is one, so a redelivery or a republished copy
/// of the same envelope is recognised.</param>
/// <param name="DeadLetterReason">Why it goes to the dead-letter stream; null when it was processed.</param>
internal sealed record MessageCompletion(BusMessage Message, string Key, string? DeadLetterReason);
