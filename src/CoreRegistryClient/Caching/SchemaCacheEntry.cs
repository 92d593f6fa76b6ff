namespace CoreRegistryClient.Caching;

/// <summary>One cached schema name: the validator in use (swapped atomically), its freshness, and the state of
/// loading it. Hot-path reads are plain volatile reads; only loads take the entry's lock.</summary>
internal sealed class SchemaCacheEntry(string name, long createdAt)
{
    private CompiledSchema? _current;
    private long _expiresAt = long.MinValue;
    private long _lastUsed = createdAt;
    private int _refreshQueued;

    public string Name { get; } = name;

    /// <summary>The <c>schema</c> metric tag for misses and errors before any validator exists.</summary>
    public KeyValuePair<string, object?> SchemaTag { get; } = new("schema", name);

    /// <summary>Guards <see cref="InFlight"/>.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The one load running for this name (single-flight), or null.</summary>
    public Task<CompiledSchema?>? InFlight { get; set; }

    /// <summary>The validator in use, or null before the first successful load.</summary>
    public CompiledSchema? Current => Volatile.Read(ref _current);

    /// <summary>When the last load failed, why (an <c>error_type</c> label value); null after a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>Whether any load of this name has failed since the last success.</summary>
    public bool HasFailed => LastError is not null;

    /// <summary>When (timestamp) a failed name may be tried again.</summary>
    public long NextAttemptAt { get; private set; }

    public long LastUsed => Volatile.Read(ref _lastUsed);

    public long ExpiresAt => Volatile.Read(ref _expiresAt);

    public bool IsExpired(long now) => now >= Volatile.Read(ref _expiresAt);

    /// <summary>Records use for LRU eviction, writing at most once per <paramref name="granularity"/> so busy
    /// entries do not bounce their cache line between cores on every message.</summary>
    public void Touch(long now, long granularity)
    {
        if (now - Volatile.Read(ref _lastUsed) > granularity) Volatile.Write(ref _lastUsed, now);
    }

    public void Install(CompiledSchema schema, long expiresAt)
    {
        Volatile.Write(ref _current, schema);
        Volatile.Write(ref _expiresAt, expiresAt);
    }

    public void ExtendTo(long expiresAt) => Volatile.Write(ref _expiresAt, expiresAt);

    /// <summary>Makes the entry stale so its next use triggers a background refresh (it keeps serving meanwhile).</summary>
    public void Expire() => Volatile.Write(ref _expiresAt, long.MinValue);

    public void Succeeded() => LastError = null;

    public void Failed(string errorType, long retryAt)
    {
        LastError = errorType;
        NextAttemptAt = retryAt;
        if (Current is not null) ExtendTo(retryAt);
    }

    /// <summary>Claims the right to start a background refresh; false when one is already queued.</summary>
    public bool TryQueueRefresh() => Volatile.Read(ref _refreshQueued) == 0 && Interlocked.CompareExchange(ref _refreshQueued, 1, 0) == 0;

    public void RefreshDone() => Volatile.Write(ref _refreshQueued, 0);
}
