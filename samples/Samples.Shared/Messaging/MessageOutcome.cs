namespace CoreRegistryClient.Samples.Messaging;

/// <summary>What a handler did with a message: processed it, or wants it dead-lettered with a reason.
/// Either way the consumer acknowledges it afterwards.</summary>
public readonly record struct MessageOutcome
{
    private MessageOutcome(string? deadLetterReason) => DeadLetterReason = deadLetterReason;

    /// <summary>The message was handled.</summary>
    public static MessageOutcome Processed { get; }

    /// <summary>Why the message goes to the dead-letter stream; null when it was processed.</summary>
    public string? DeadLetterReason { get; }

    /// <summary>The message cannot be processed and goes to the dead-letter stream.</summary>
    public static MessageOutcome DeadLetter(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new MessageOutcome(reason);
    }
}
