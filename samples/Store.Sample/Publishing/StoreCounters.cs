namespace CoreRegistryClient.Samples.Store.Publishing;

/// <summary>What the store did with the FeedbackEvents it produced, for the summary line.</summary>
internal sealed class StoreCounters
{
    private long _produced;
    private long _published;
    private long _warned;
    private long _rejected;
    private long _failed;

    /// <summary>Events produced by the coordinators (each is validated).</summary>
    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Events on the bus.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Of <see cref="Published"/>: invalid, published anyway because the mode is warn.</summary>
    public long Warned => Interlocked.Read(ref _warned);

    /// <summary>Invalid in strict mode: withheld, never published.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Valid events the bus did not take (e.g. Redis unreachable).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public void CountProduced() => Interlocked.Increment(ref _produced);

    public void CountPublished(bool warned)
    {
        Interlocked.Increment(ref _published);
        if (warned)
        {
            Interlocked.Increment(ref _warned);
        }
    }

    public void CountRejected() => Interlocked.Increment(ref _rejected);

    public void CountFailed() => Interlocked.Increment(ref _failed);
}
