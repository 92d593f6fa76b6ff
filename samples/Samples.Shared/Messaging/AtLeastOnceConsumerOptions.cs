namespace CoreRegistryClient.Samples.Messaging;

/// <summary>Tuning of <see cref="AtLeastOnceConsumer"/>.</summary>
internal sealed class AtLeastOnceConsumerOptions
{
    /// <summary>Most messages read, and completed, per round trip. Default 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Reads kept in flight while a batch is handled (at least 1); completions in flight are bounded by one more.
    /// Default 2.</summary>
    /// <remarks>Why two: on Redis the server answers a consumer's requests in order, so with one read ahead the next
    /// batch's reply queued behind the previous batch's completion, and the consumer waited for both in most batches
    /// (docs/fleet.md, "Keeping redis-server busy").</remarks>
    public int ReadAhead { get; set; } = 2;

    /// <summary>How long one read waits for new messages. Default 1 s.</summary>
    public TimeSpan ReadWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often pending messages of crashed consumers are looked for. Default 30 s.</summary>
    public TimeSpan ReclaimInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a message must have been pending before it is reclaimed: longer than any healthy
    /// consumer takes to process a batch, or live consumers' work gets stolen. Default 60 s.</summary>
    public TimeSpan ReclaimMinIdle { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A message delivered this many times without being acknowledged (its handler keeps failing or
    /// crashing the process) is dead-lettered instead of retried again. Default 5.</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>How long a completed envelope id is remembered, so a redelivered or republished copy is
    /// acknowledged without repeating its effects. It must outlast the longest redelivery (the reclaim idle time
    /// plus interval) and producer retry; each id costs the bus about 100 bytes for this long. Default 10 min.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromMinutes(10);
}
