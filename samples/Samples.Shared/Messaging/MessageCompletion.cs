using System.Text;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>How a handled message is finished: acknowledged, and dead-lettered first when
/// <paramref name="DeadLetterReason"/> is set.</summary>
/// <param name="Message">The message.</param>
/// <param name="Key">Its idempotency key: the envelope id when there is one, so a redelivery or a republished copy
/// of the same envelope is recognised.</param>
/// <param name="DeadLetterReason">Why it goes to the dead-letter stream; null when it was processed.</param>
internal sealed record MessageCompletion(BusMessage Message, string Key, string? DeadLetterReason)
{
    private readonly string _key = WellFormed(Key);

    /// <summary>The idempotency key as a bus stores it. An envelope id is untrusted text and may hold lone surrogates,
    /// which UTF-8 (Redis's keys) turns into U+FFFD: two such ids are one key in Redis, so they are made one key here
    /// too, before any bus compares them, or a hostile id would pass an in-batch check twice.</summary>
    public string Key { get => _key; init => _key = WellFormed(value); }

    private static string WellFormed(string key)
        => key.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 ? key : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(key));
}
