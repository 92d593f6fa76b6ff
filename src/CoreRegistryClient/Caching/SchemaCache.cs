using System.Collections.Concurrent;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Caching;

/// <summary>Compiled validators by schema name: lock-free reads, TTL with stale-while-revalidate, single-flight
/// loads, LRU bound, disk snapshot fallback.</summary>
/// <remarks>
/// <para>Hit: one dictionary read, a freshness check and two counter increments; never I/O. An expired entry
/// keeps serving while one background refresh runs; a failed refresh keeps the last good validator and is
/// retried after <c>RetryInterval</c>.</para>
/// <para>Miss: every concurrent caller for a name awaits the same load task, so N callers make one registry
/// request. The first miss of a name blocks a synchronous caller for at most <c>Timeout</c>; once a load of a
/// name has failed, later misses do not block: they get "unavailable" (the OnUnavailable policy applies) while
/// loads are retried in the background.</para>
/// <para>Cached validators are keyed by name; the track policy is global, and when it changes every entry is
/// expired (and so refreshed under the new policy while the old validator keeps serving).</para>
/// </remarks>
internal sealed class SchemaCache : IDisposable
{
    private readonly ConcurrentDictionary<string, SchemaCacheEntry> _entries = new();
    private readonly Lock _evictionGate = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly CancellationToken _shutdownToken;
    private readonly SchemaLoader _loader;
    private readonly SchemaSnapshotStore _snapshots;
    private readonly EnforcementPolicy _policy;
    private readonly SchemaMetrics _metrics;
    private readonly ValidationCounters _counters;
    private readonly TimeProvider _time;
    private readonly CacheClock _clock;
    private readonly ILogger _logger;
    private int _count;
    private long _lastRefreshTicks = long.MinValue;
    private long _lastRegistryErrorTicks = long.MinValue;

    /// <summary>LRU use is recorded at most once a second per entry.</summary>
    private const long TouchGranularity = 1000;

    public SchemaCache(SchemaLoader loader, SchemaSnapshotStore snapshots, EnforcementPolicy policy, SchemaMetrics metrics,
        ValidationCounters counters, TimeProvider time, CacheClock clock, ILogger<SchemaCache> logger)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        _loader = loader;
        _snapshots = snapshots;
        _policy = policy;
        _metrics = metrics;
        _counters = counters;
        _time = time;
        _clock = clock;
        _logger = logger;
        _shutdownToken = _shutdown.Token; // captured: a load started during disposal must not touch the disposed source
        metrics.ObserveCacheSize(() => Count);
        policy.Changed += OnPolicyChanged;
    }

    /// <summary>Names cached (with or without a validator yet).</summary>
    public int Count => Volatile.Read(ref _count);

    public ICollection<SchemaCacheEntry> Entries => _entries.Values;

    /// <summary>When the registry last delivered or confirmed a schema.</summary>
    public DateTimeOffset? LastRefresh => FromTicks(Interlocked.Read(ref _lastRefreshTicks));

    /// <summary>When a registry call last failed.</summary>
    public DateTimeOffset? LastRegistryError => FromTicks(Interlocked.Read(ref _lastRegistryErrorTicks));

    public bool TryGetEntry(string name, out SchemaCacheEntry entry) => _entries.TryGetValue(name, out entry!);

    /// <summary>The hot path: the validator for <paramref name="name"/>, or null when it is unavailable.</summary>
    /// <param name="name">The schema name.</param>
    /// <param name="now">The <see cref="CacheClock"/> time.</param>
    public CompiledSchema? Get(string name, long now)
    {
        if (_entries.TryGetValue(name, out var entry) && entry.Current is { } schema)
        {
            Hit(entry, schema, now);
            return schema;
        }

        return Miss(name, now);
    }

    /// <summary>As <see cref="Get"/>, but a first load is awaited rather than blocked on.</summary>
    public ValueTask<CompiledSchema?> GetAsync(string name, long now, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(name, out var entry) && entry.Current is { } schema)
        {
            Hit(entry, schema, now);
            return new(schema);
        }

        return MissAsync(name, now, cancellationToken);
    }

    /// <summary>Loads every name now (sharing any load in flight); true when each has a usable validator.</summary>
    public async Task<bool> PreloadAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var loads = names.Distinct(StringComparer.Ordinal).Select(name => EnsureLoad(GetOrAddEntry(name, _clock.NowMilliseconds), null)).ToList();
        var results = await Task.WhenAll(loads).WaitAsync(cancellationToken).ConfigureAwait(false);
        return results.All(schema => schema is not null);
    }

    /// <summary>Refetches one cached name (the poller saw its sha256 change).</summary>
    public Task<CompiledSchema?> RefreshAsync(SchemaCacheEntry entry, string? trackHint) => EnsureLoad(entry, trackHint);

    /// <summary>The registry confirmed an entry is current: fresh for another TTL, no fetch.</summary>
    public void Confirm(SchemaCacheEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var now = _clock.NowMilliseconds;
        entry.ExtendTo(now + CacheClock.Milliseconds(_policy.Current.Options.CacheTtl));
        MarkRefreshed();
    }

    /// <summary>Puts every readable snapshot into the cache as stale entries (names already loaded are left
    /// alone), so they serve at once and are refreshed from the registry when it returns.</summary>
    public int SeedFromSnapshots(string directory)
    {
        var seeded = 0;
        var options = _policy.Current.Options;
        foreach (var snapshot in _snapshots.LoadAll(directory))
        {
            var entry = GetOrAddEntry(snapshot.Name, _clock.NowMilliseconds);
            if (entry.Current is null && Compile(entry, snapshot, options.FormatAssertion) is { } schema)
            {
                entry.Install(schema, long.MinValue);
                seeded++;
            }
        }

        return seeded;
    }

    public void Dispose()
    {
        _policy.Changed -= OnPolicyChanged;
        _shutdown.Cancel();
        _shutdown.Dispose();
    }

    internal void MarkRegistryError() => Interlocked.Exchange(ref _lastRegistryErrorTicks, _time.GetUtcNow().UtcTicks);

    private void Hit(SchemaCacheEntry entry, CompiledSchema schema, long now)
    {
        entry.Touch(now, TouchGranularity);
        if (entry.IsExpired(now) && entry.TryQueueRefresh())
        {
            _ = EnsureLoad(entry, null);
        }

        _counters.CacheHits.Increment();
        _metrics.CacheHit(schema.SchemaTag);
    }

    private CompiledSchema? Miss(string name, long now)
    {
        var entry = GetOrAddEntry(name, now);
        if (StartMiss(entry, now) is not { } load) return entry.Current;
        var timeout = _policy.Current.Options.Timeout;
        try
        {
            // Blocking is bounded and deadlock-free: the load runs on the thread pool (Task.Run) with
            // ConfigureAwait(false) throughout, never on the caller's synchronization context.
            return load.Wait(timeout) ? load.Result : entry.Current;
        }
        catch (AggregateException)
        {
            return entry.Current;
        }
    }

    private async ValueTask<CompiledSchema?> MissAsync(string name, long now, CancellationToken cancellationToken)
    {
        var entry = GetOrAddEntry(name, now);
        if (StartMiss(entry, now) is not { } load) return entry.Current;
        try
        {
            return await load.WaitAsync(_policy.Current.Options.Timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return entry.Current;
        }
    }

    /// <summary>Counts the miss and returns the load to wait for, or null when the caller should not wait (a
    /// validator raced in, or this name already failed and is being retried in the background).</summary>
    private Task<CompiledSchema?>? StartMiss(SchemaCacheEntry entry, long now)
    {
        _counters.CacheMisses.Increment();
        _metrics.CacheMiss(entry.SchemaTag);
        if (entry.Current is not null) return null;
        if (entry.HasFailed)
        {
            if (now >= entry.NextAttemptAt && entry.TryQueueRefresh()) _ = EnsureLoad(entry, null);
            return null;
        }

        return EnsureLoad(entry, null);
    }

    private Task<CompiledSchema?> EnsureLoad(SchemaCacheEntry entry, string? trackHint)
    {
        lock (entry.Gate)
        {
            if (entry.InFlight is { } running) return running;
            var load = Task.Run(() => LoadAsync(entry, trackHint, _shutdownToken));
            entry.InFlight = load;
            return load;
        }
    }

    private async Task<CompiledSchema?> LoadAsync(SchemaCacheEntry entry, string? trackHint, CancellationToken shutdown)
    {
        var policy = _policy.Current;
        var options = policy.Options;
        var previous = entry.Current;
        using var activity = RegistryActivitySource.Source.StartActivity("schema.load");
        activity?.SetTag("schema.name", entry.Name);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
            timeout.CancelAfter(options.Timeout);
            var fetched = await _loader.FetchAsync(entry.Name, policy.TrackPolicy, trackHint, timeout.Token).ConfigureAwait(false);
            var now = _clock.NowMilliseconds;
            var expiresAt = now + CacheClock.Milliseconds(options.CacheTtl);
            activity?.SetTag("schema.track", fetched.Track);
            activity?.SetTag("schema.version", fetched.CoreVersion);
            MarkRefreshed();
            if (previous is not null && previous.Matches(policy.TrackPolicy.Requested, fetched.Track, fetched.Sha256, (fetched.Deprecated, fetched.DeprecationNote)))
            {
                entry.Succeeded();
                entry.ExtendTo(expiresAt);
                return previous;
            }

            var compiled = new CompiledSchema(entry.Name, policy.TrackPolicy.Requested, fetched.Track, fetched.CoreVersion, fetched.Sha256,
                SchemaLoader.Compile(fetched.Content, options.FormatAssertion), _time.GetUtcNow(), fromSnapshot: false,
                fetched.SchemaId, fetched.Deprecated, fetched.DeprecationNote);
            entry.Install(compiled, expiresAt);
            entry.Succeeded();
            if (previous is null)
            {
                _logger.SchemaFetched(entry.Name, compiled.Track, compiled.RequestedTrack, compiled.Version, compiled.Sha256);
            }
            else
            {
                _logger.SchemaSwapped(entry.Name, previous.Track, previous.Version, previous.Sha256, compiled.Track, compiled.Version, compiled.Sha256);
            }

            if (options.CacheDirectory is { } directory) _snapshots.Save(directory, entry.Name, compiled.RequestedTrack, fetched);
            return compiled;
        }
        catch (Exception exception) when (!shutdown.IsCancellationRequested)
        {
            return Failed(entry, previous, exception, options);
        }
        catch (OperationCanceledException)
        {
            return previous;
        }
        finally
        {
            lock (entry.Gate)
            {
                entry.InFlight = null;
            }

            entry.RefreshDone();
        }
    }

    private CompiledSchema? Failed(SchemaCacheEntry entry, CompiledSchema? previous, Exception exception, DependencyInjection.SchemaEnforcementOptions options)
    {
        var errorType = exception is OperationCanceledException ? "timeout" : RegistryErrorTypes.For(exception);
        _counters.RegistryErrors.Increment();
        _metrics.RegistryError(entry.Name, errorType);
        MarkRegistryError();
        entry.Failed(errorType, _clock.NowMilliseconds + CacheClock.Milliseconds(options.RetryInterval));
        if (exception is JsonSchema.InvalidSchemaException)
        {
            _logger.SchemaCompileFailed(entry.Name, previous?.Track ?? "?", previous?.Version ?? "?", exception);
        }
        else
        {
            _logger.RegistryFetchFailed(entry.Name, errorType, previous is not null, exception);
        }

        if (previous is not null) return previous;

        // Never loaded in this process: the disk snapshot is the last resort (not for a definite 404).
        if (exception is not SchemaNotFoundException && options.CacheDirectory is { } directory
            && _snapshots.TryLoad(directory, entry.Name) is { } snapshot && Compile(entry, snapshot, options.FormatAssertion) is { } restored)
        {
            entry.Install(restored, _clock.NowMilliseconds + CacheClock.Milliseconds(options.RetryInterval));
            _logger.SnapshotLoaded(entry.Name, restored.Track, restored.Version);
            return restored;
        }

        // A definite 404 is not an outage: the manager reports it as SchemaNotFound, whatever OnUnavailable says.
        if (errorType == RegistryErrorTypes.NotFound) return null;
        var decision = options.OnUnavailable == UnavailableSchemaBehavior.Allow ? "allowed" : "rejected";
        _logger.UnavailableSchemaDecision(entry.Name, decision, options.OnUnavailable, options.RetryInterval);
        return null;
    }

    private CompiledSchema? Compile(SchemaCacheEntry entry, SchemaSnapshot snapshot, bool formatAssertion)
    {
        try
        {
            return new CompiledSchema(entry.Name, snapshot.RequestedTrack, snapshot.Track, snapshot.Version, snapshot.Sha256,
                SchemaLoader.Compile(snapshot.Content, formatAssertion), _time.GetUtcNow(), fromSnapshot: true);
        }
        catch (JsonSchema.InvalidSchemaException exception)
        {
            _logger.SnapshotCorrupt(SchemaSnapshotStore.PathFor(_policy.Current.Options.CacheDirectory ?? "", entry.Name), exception.Message);
            return null;
        }
    }

    private SchemaCacheEntry GetOrAddEntry(string name, long now)
    {
        if (_entries.TryGetValue(name, out var existing)) return existing;
        var created = new SchemaCacheEntry(name, now);
        var entry = _entries.GetOrAdd(name, created);
        if (ReferenceEquals(entry, created) && Interlocked.Increment(ref _count) > _policy.Current.Options.MaxCachedSchemas)
        {
            EvictLeastRecentlyUsed(keep: entry);
        }

        return entry;
    }

    /// <summary>Evicts the least recently used entries until the cache is within bounds: one at a time, never all.</summary>
    private void EvictLeastRecentlyUsed(SchemaCacheEntry keep)
    {
        var max = _policy.Current.Options.MaxCachedSchemas;
        lock (_evictionGate)
        {
            while (Count > max)
            {
                SchemaCacheEntry? victim = null;
                foreach (var candidate in _entries.Values)
                {
                    if (!ReferenceEquals(candidate, keep) && (victim is null || candidate.LastUsed < victim.LastUsed)) victim = candidate;
                }

                if (victim is null) return;
                if (_entries.TryRemove(new KeyValuePair<string, SchemaCacheEntry>(victim.Name, victim)))
                {
                    Interlocked.Decrement(ref _count);
                    _logger.SchemaEvicted(victim.Name, max);
                }
            }
        }
    }

    private void OnPolicyChanged(PolicySnapshot previous, PolicySnapshot next)
    {
        if (previous.TrackPolicy == next.TrackPolicy) return;
        foreach (var entry in _entries.Values)
        {
            entry.Expire();
        }
    }

    private void MarkRefreshed() => Interlocked.Exchange(ref _lastRefreshTicks, _time.GetUtcNow().UtcTicks);

    private static DateTimeOffset? FromTicks(long ticks) => ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
