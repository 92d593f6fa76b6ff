using CoreRegistryClient.Telemetry;

namespace CoreRegistryClient.Caching;

/// <summary>One cached schema name (canonical, without a <c>.schema</c> suffix): the validator in use (swapped
/// atomically), its freshness, and the state of loading it. Hot-path reads are plain volatile reads; only loads take
/// the entry's lock.</summary>
internal sealed class SchemaCacheEntry
{
    private static readonly KeyValuePair<string, object?> OverflowTag = new("schema", SchemaMetrics.OverflowSchema);

    private readonly KeyValuePair<string, object?> _ownTag;
    private CompiledSchema? _current;
    private long _expiresAt = long.MinValue;
    private long _lastUsed;
    private int _refreshQueued;
    private volatile bool _known;
    private volatile SchemaLoadError _lastError;
    private int _holdsValidator;

    public SchemaCacheEntry(string name, long createdAt, bool known)
    {
        Name = name;
        _ownTag = new("schema", name);
        _lastUsed = createdAt;
        _known = known;
    }

    public string Name { get; }

    /// <summary>The <c>schema</c> metric tag for misses and errors: the name once the registry confirmed it (index,
    /// critical list or a loaded validator), else the overflow value, so unknown names cannot grow the series count.</summary>
    public KeyValuePair<string, object?> SchemaTag => _known ? _ownTag : OverflowTag;

    /// <summary>Guards <see cref="InFlight"/>.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The one load running for this name (single-flight), or null.</summary>
    public SchemaLoad? InFlight { get; set; }

    /// <summary>The validator in use, or null before the first successful load.</summary>
    public CompiledSchema? Current => Volatile.Read(ref _current);

    /// <summary>Why the last load failed; <see cref="SchemaLoadError.None"/> after a success.</summary>
    public SchemaLoadError LastError => _lastError;

    /// <summary>When the last load failed, as a <see cref="RegistryStatus"/> sequence number (so health can tell a
    /// failure the registry has since recovered from).</summary>
    public long FailureSequence { get; private set; } = long.MinValue;

    /// <summary>When a failed name may be tried again.</summary>
    public long NextAttemptAt { get; private set; }

    /// <summary>How the registry spells the name (it may add <c>.schema</c>), learned from a load or the index.</summary>
    public string? RegistryName { get; set; }

    public long LastUsed => Volatile.Read(ref _lastUsed);

    public bool IsExpired(long now) => now >= Volatile.Read(ref _expiresAt);

    /// <summary>The registry confirmed the name exists: it keeps its own <c>schema</c> label from now on.</summary>
    public void MarkKnown() => _known = true;

    /// <summary>Records use for LRU eviction, writing at most once per <paramref name="granularity"/> so busy
    /// entries do not bounce their cache line between cores on every message.</summary>
    public void Touch(long now, long granularity)
    {
        if (now - Volatile.Read(ref _lastUsed) > granularity) Volatile.Write(ref _lastUsed, now);
    }

    public void Install(CompiledSchema schema, long expiresAt)
    {
        _known = true;
        Volatile.Write(ref _current, schema);
        Volatile.Write(ref _expiresAt, expiresAt);
    }

    public void ExtendTo(long expiresAt) => Volatile.Write(ref _expiresAt, expiresAt);

    /// <summary>Makes the entry stale so its next use triggers a background refresh (it keeps serving meanwhile).</summary>
    public void Expire() => Volatile.Write(ref _expiresAt, long.MinValue);

    /// <summary>The registry delivered or confirmed the schema: fresh until <paramref name="expiresAt"/>, no error.</summary>
    public void Succeeded(long expiresAt)
    {
        _lastError = SchemaLoadError.None;
        ExtendTo(expiresAt);
    }

    public void Failed(SchemaLoadError error, long failureSequence, long retryAt)
    {
        FailureSequence = failureSequence;
        NextAttemptAt = retryAt;
        _lastError = error;
        if (Current is not null) ExtendTo(retryAt);
    }

    /// <summary>Claims the right to start a background refresh; false when one is already queued.</summary>
    public bool TryQueueRefresh() => Volatile.Read(ref _refreshQueued) == 0 && Interlocked.CompareExchange(ref _refreshQueued, 1, 0) == 0;

    public void RefreshDone() => Volatile.Write(ref _refreshQueued, 0);

    /// <summary>Moves the entry from the bound on unknown names to the bound on validators, once.</summary>
    public bool TryCountAsValidator() => Interlocked.CompareExchange(ref _holdsValidator, 1, 0) == 0;

    /// <summary>Whether the entry counts against <c>MaxCachedSchemas</c> (it has held a validator).</summary>
    public bool CountsAsValidator => Volatile.Read(ref _holdsValidator) == 1;
}
