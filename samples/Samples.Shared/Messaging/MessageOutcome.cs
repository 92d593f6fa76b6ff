namespace CoreRegistryClient.Samples.Messaging;

/// <summary>What a handler did with a message: processed it (perhaps with a warning), or wants it dead-lettered
/// with a reason. Either way the consumer completes it afterwards, under <see cref="Key"/>.</summary>
internal readonly record struct MessageOutcome
{
    private MessageOutcome(string? deadLetterReason, bool warned, string? key)
    {
        DeadLetterReason = deadLetterReason;
        Warned = warned;
        Key = key;
    }

    /// <summary>The message was handled.</summary>
    public static MessageOutcome Processed { get; }

    /// <summary>The message was handled although something about it was wrong (warn-mode enforcement).</summary>
    public static MessageOutcome ProcessedWithWarning { get; } = new(null, warned: true, key: null);

    /// <summary>Why the message goes to the dead-letter stream; null when it was processed.</summary>
    public string? DeadLetterReason { get; }

    /// <summary>Processed with a warning.</summary>
    public bool Warned { get; }

    /// <summary>The idempotency key (the envelope id); null falls back to the stream entry id.</summary>
    public string? Key { get; }

    /// <summary>The message cannot be processed and goes to the dead-letter stream.</summary>
    public static MessageOutcome DeadLetter(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new MessageOutcome(reason, warned: false, key: null);
    }

    /// <summary>This outcome, completed under <paramref name="key"/>.</summary>
    public MessageOutcome WithKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new MessageOutcome(DeadLetterReason, Warned, key);
    }
}
