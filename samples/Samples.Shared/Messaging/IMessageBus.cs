namespace CoreRegistryClient.Samples.Messaging;

/// <summary>
/// The message bus the samples run on, shaped after Redis Streams consumer groups so that the in-memory
/// and the Redis implementation behave alike: a message read by a consumer stays pending until it is
/// completed, and pending messages of a consumer that died can be reclaimed by another.
/// </summary>
/// <remarks>At-least-once is the caller's side of the contract: complete a message only after it was processed
/// or its dead-letter reason is known. <see cref="AtLeastOnceConsumer"/> does exactly that, a batch at a time.</remarks>
internal interface IMessageBus : IAsyncDisposable
{
    /// <summary>Appends a message (the envelope JSON, stored in the field <c>data</c>) and returns its id.</summary>
    Task<string> PublishAsync(string stream, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Appends messages in order, in as few round trips as the bus allows; returns their ids. A failure
    /// may leave a prefix published: publish the batch again (consumers are idempotent by envelope id).</summary>
    Task<IReadOnlyList<string>> PublishBatchAsync(string stream, IReadOnlyList<ReadOnlyMemory<byte>> batch, CancellationToken cancellationToken = default);

    /// <summary>Creates the consumer group (and the stream) if missing. The group starts at the beginning of
    /// the stream, so messages published before the first consumer started are not lost.</summary>
    Task EnsureGroupAsync(string stream, string group, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="maxCount"/> messages never delivered to the group, waiting up to
    /// <paramref name="wait"/> for one to arrive. Returned messages are pending for <paramref name="consumer"/>.</summary>
    Task<IReadOnlyList<BusMessage>> ReadAsync(ConsumerIdentity consumer, int maxCount, TimeSpan wait, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finishes handled messages in one atomic step each: records the completion under its idempotency key for
    /// <paramref name="idempotencyWindow"/>, writes a dead letter (<c>{stream}.dlq</c>, fields <c>original_id</c>,
    /// <c>reason</c>, <c>data</c>) when it has a reason, and acknowledges it. A key completed before within the
    /// window (a redelivered or republished envelope) is only acknowledged: its effects are not repeated.
    /// </summary>
    /// <returns>For each completion, in order: true if it was the first for its key, false for a duplicate.</returns>
    Task<IReadOnlyList<bool>> CompleteAsync(ConsumerIdentity consumer, IReadOnlyList<MessageCompletion> completions, TimeSpan idempotencyWindow, CancellationToken cancellationToken = default);

    /// <summary>Takes over messages pending in the group for at least <paramref name="minIdle"/> (whichever
    /// consumer read them), so they are finished even if that consumer crashed. Delivery counts go up by one.</summary>
    Task<IReadOnlyList<BusMessage>> ReclaimAsync(ConsumerIdentity consumer, TimeSpan minIdle, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Number of entries in the stream (0 if it does not exist); for a dead-letter stream, its depth.</summary>
    Task<long> GetLengthAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>Number of messages the group has delivered but not acknowledged.</summary>
    Task<long> GetPendingCountAsync(string stream, string group, CancellationToken cancellationToken = default);

    /// <summary>The oldest entries of a dead-letter stream, for inspection; reading does not remove them.</summary>
    Task<IReadOnlyList<DeadLetter>> PeekDeadLettersAsync(string deadLetterStream, int maxCount, CancellationToken cancellationToken = default);
}
