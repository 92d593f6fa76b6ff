using System.Collections.Concurrent;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;

namespace CoreRegistryClient.Caching;

/// <summary>Compiled validators by canonical schema name: lock-free reads, TTL with stale-while-revalidate,
/// single-flight loads, and two bounds (validators, unknown names). Loading itself is the <see cref="SchemaLoader"/>'s.</summary>
/// <remarks>
/// <para>Hit: one dictionary read (by span, so a <c>.schema</c> suffix costs no allocation), a freshness check and
/// two counter increments; never I/O. An expired entry keeps serving while one background refresh runs; a failed
/// refresh keeps the last good validator and is retried after <c>RetryInterval</c>.</para>
/// <para>Miss: every concurrent caller for a name waits for the same <see cref="SchemaLoad"/>, so N callers make one
/// load, which runs on a <see cref="SchemaLoadWorkers"/> thread within one budget (<c>Timeout</c>). Waiting callers
/// are released when it ends, or at its deadline. Once a load of a name has failed, later misses do not wait: they
/// get "not found" (a 404, remembered for <c>NotFoundTtl</c>) or "unavailable" (the OnUnavailable policy applies)
/// while loads are retried in the background.</para>
/// <para>Bounds: at most <c>MaxCachedSchemas</c> names with a validator (least recently used evicted first), and
/// at most <see cref="MaxUnknownNames"/> names without one (oldest evicted first). A flood of unknown names only ever
/// evicts other unknown names, never a schema in use.</para>
/// <para>The track policy is global; when it changes every entry is expired (and so refreshed under the new policy
/// while the old validator keeps serving).</para>
/// </remarks>
internal sealed class SchemaCache : IDisposable
{
    /// <summary>The most names without a validator (unknown, failing or loading) kept at once.</summary>
    public const int MaxUnknownNames = 10_000;

    /// <summary>LRU use is recorded at most once a second per entry.</summary>
    private const long TouchGranularity = 1000;

    private readonly ConcurrentDictionary<string, SchemaCacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SchemaCacheEntry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly ConcurrentQueue<SchemaCacheEntry> _unknownOrder = new();
    private readonly Lock _evictionGate = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly CancellationToken _shutdownToken;
    private readonly SchemaLoader _loader;
    private readonly SchemaLoadWorkers _workers = new();
    private readonly SchemaSnapshotStore _snapshots;
    private readonly RegistryIndexCache _index;
    private readonly EnforcementPolicy _policy;
    private readonly SchemaTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly CacheClock _clock;
    private readonly RegistryConnections _connections;
    private int _validators;
    private int _unknown;
    private long _lastRefreshTicks = long.MinValue;

    public SchemaCache(SchemaLoader loader, SchemaSnapshotStore snapshots, RegistryIndexCache index, EnforcementPolicy policy,
        SchemaTelemetry telemetry, RegistryStatus registry, TimeProvider time, CacheClock clock, RegistryConnections connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(telemetry);
        _loader = loader;
        _snapshots = snapshots;
        _index = index;
        _policy = policy;
        _telemetry = telemetry;
        Registry = registry;
        _time = time;
        _clock = clock;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        _shutdownToken = _shutdown.Token; // captured: a load started during disposal must not touch the disposed source
        telemetry.Metrics.ObserveCacheSize(() => Count);
        policy.Changed += OnPolicyChanged;
    }

    /// <summary>Names with a compiled validator.</summary>
    public int Count => Volatile.Read(ref _validators);

    public ICollection<SchemaCacheEntry> Entries => _entries.Values;

    /// <summary>Whether the registry answers.</summary>
    public RegistryStatus Registry { get; }

    /// <summary>When the registry last delivered or confirmed a schema.</summary>
    public DateTimeOffset? LastRefresh => Interlocked.Read(ref _lastRefreshTicks) is var ticks && ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    /// <summary>The entry of a name, in either spelling.</summary>
    public bool TryGetEntry(string name, out SchemaCacheEntry entry) => _lookup.TryGetValue(SchemaNames.Trim(name), out entry!);

    /// <summary>The hot path: the validator for a canonical name, or null (then <paramref name="entry"/> says why).</summary>
    /// <param name="name">The canonical schema name (<see cref="SchemaNames.Trim"/>).</param>
    /// <param name="now">The <see cref="CacheClock"/> time.</param>
    /// <param name="entry">The name's entry when no validator is returned.</param>
    public CompiledSchema? Get(ReadOnlySpan<char> name, long now, out SchemaCacheEntry? entry)
    {
        if (_lookup.TryGetValue(name, out entry) && entry.Current is { } schema)
        {
            Hit(entry, schema, now);
            return schema;
        }

        entry = GetOrAddEntry(entry, name, now);
        if (StartMiss(entry, now) is { } load) load.Wait();
        return entry.Current;
    }

    /// <summary>As <see cref="Get"/>, but a first load is awaited rather than waited for.</summary>
    public ValueTask<CompiledSchema?> GetAsync(ReadOnlySpan<char> name, long now, out SchemaCacheEntry? entry, CancellationToken cancellationToken)
    {
        if (_lookup.TryGetValue(name, out entry) && entry.Current is { } schema)
        {
            Hit(entry, schema, now);
            return new(schema);
        }

        entry = GetOrAddEntry(entry, name, now);
        return StartMiss(entry, now) is { } load ? Awaited(entry, load, cancellationToken) : new(entry.Current);

        static async ValueTask<CompiledSchema?> Awaited(SchemaCacheEntry entry, SchemaLoad load, CancellationToken cancellationToken)
        {
            await load.WaitAsync(cancellationToken).ConfigureAwait(false);
            return entry.Current;
        }
    }

    /// <summary>Loads every name now (sharing any load in flight); true when each has a usable validator.</summary>
    public async Task<bool> PreloadAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var loads = StartPreload(names);
        var results = await Task.WhenAll(loads.Select(l => l.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return results.All(schema => schema is not null);
    }

    /// <summary>Starts loading every name (the names keep their own <c>schema</c> label: the caller chose them).</summary>
    public IReadOnlyList<SchemaLoad> StartPreload(IEnumerable<string> names)
    {
        var now = _clock.NowMilliseconds;
        return [.. names.Select(SchemaNames.Canonical).Distinct(StringComparer.Ordinal).Select(name =>
        {
            var entry = GetOrAddEntry(null, name, now);
            entry.MarkKnown();
            return EnsureLoad(entry, null);
        })];
    }

    /// <summary>Refetches one cached name from where the index says it is (the poller saw its sha256 change).</summary>
    public Task<CompiledSchema?> RefreshAsync(SchemaCacheEntry entry, string track, string registryName)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.RegistryName = registryName;
        return EnsureLoad(entry, track).Completion;
    }

    /// <summary>The registry confirmed an entry is current: fresh for another TTL, no fetch, any error cleared.</summary>
    public void Confirm(SchemaCacheEntry entry, string registryName)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.RegistryName = registryName;
        entry.Succeeded(_clock.NowMilliseconds + CacheClock.Milliseconds(_policy.Current.Options.CacheTtl));
        MarkRefreshed();
    }

    /// <summary>The poller read the index: names it lists keep their own label, and it serves loads meanwhile.</summary>
    public void IndexRead(SchemaIndex index)
    {
        _index.Update(index);
        Registry.Answered();
        foreach (var entry in _entries.Values)
        {
            if (_index.Lists(entry.Name)) entry.MarkKnown();
        }
    }

    /// <summary>Puts every readable snapshot into the cache as stale entries (names already loaded are left
    /// alone), so they serve at once and are refreshed from the registry when it returns.</summary>
    public int SeedFromSnapshots(string directory)
    {
        var seeded = 0;
        var options = _policy.Current.Options;
        foreach (var snapshot in _snapshots.LoadAll(directory))
        {
            var name = SchemaNames.Canonical(snapshot.Name);
            var entry = GetOrAddEntry(null, name, _clock.NowMilliseconds);
            if (entry.Current is null && _loader.Restore(snapshot, name, directory, options.FormatAssertion) is { } schema)
            {
                Install(entry, schema, long.MinValue);
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
        _workers.Dispose();
    }

    private void Hit(SchemaCacheEntry entry, CompiledSchema schema, long now)
    {
        entry.Touch(now, TouchGranularity);
        if (entry.IsExpired(now) && entry.TryQueueRefresh())
        {
            EnsureLoad(entry, null);
        }

        _telemetry.CacheHit(schema.SchemaTag);
    }

    /// <summary>Counts the miss and returns the load to wait for, or null when the caller should not wait (a
    /// validator raced in, or this name already failed and is being retried in the background).</summary>
    private SchemaLoad? StartMiss(SchemaCacheEntry entry, long now)
    {
        _telemetry.CacheMiss(entry.SchemaTag);
        if (entry.Current is not null) return null;
        if (entry.LastError != SchemaLoadError.None)
        {
            if (now >= entry.NextAttemptAt && entry.TryQueueRefresh()) EnsureLoad(entry, null);
            return null;
        }

        return EnsureLoad(entry, null, unlessSettled: true);
    }

    private SchemaLoad EnsureLoad(SchemaCacheEntry entry, string? trackHint) => EnsureLoad(entry, trackHint, unlessSettled: false)!;

    /// <param name="entry">The name's entry.</param>
    /// <param name="trackHint">The track the index names, or null to negotiate.</param>
    /// <param name="unlessSettled">A miss: when a load ended since the caller looked (a validator, or a failure), return
    /// null rather than load again, so a herd makes exactly one request.</param>
    private SchemaLoad? EnsureLoad(SchemaCacheEntry entry, string? trackHint, bool unlessSettled)
    {
        lock (entry.Gate)
        {
            if (entry.InFlight is { } running) return running;
            if (unlessSettled && (entry.Current is not null || entry.LastError != SchemaLoadError.None)) return null;
            var load = new SchemaLoad(trackHint, _policy.Current.Options.Timeout, _time, _shutdownToken, _connections.NeedsNewConnection);
            entry.InFlight = load;
            try
            {
                _workers.Run(() => RunLoad(entry, load));
            }
            catch (ObjectDisposedException)
            {
                entry.InFlight = null;
                entry.RefreshDone();
                load.Complete(entry.Current);
            }

            return load;
        }
    }

    /// <summary>Runs on a load thread: one load, applied to the entry, then every waiting caller released.</summary>
    private void RunLoad(SchemaCacheEntry entry, SchemaLoad load)
    {
        var previous = entry.Current;
        var result = previous;
        try
        {
            using var activity = RegistryActivitySource.Source.StartActivity("schema.load");
            activity?.SetTag("schema.name", entry.Name);
            var policy = _policy.Current;
            var outcome = _loader.Load(entry.Name, entry.RegistryName, previous, policy, load);
            result = Apply(entry, outcome, previous, policy, load.Budget);
            activity?.SetTag("schema.track", result?.Track);
            activity?.SetTag("schema.version", result?.Version);
        }
        finally
        {
            lock (entry.Gate)
            {
                entry.InFlight = null;
            }

            entry.RefreshDone();
            load.Complete(result);
            load.Dispose();
        }
    }

    private CompiledSchema? Apply(SchemaCacheEntry entry, SchemaLoadResult outcome, CompiledSchema? previous, PolicySnapshot policy, TimeSpan budget)
    {
        if (outcome.IsCancelled) return previous;
        var options = policy.Options;
        var now = _clock.NowMilliseconds;
        if (outcome.Error == SchemaLoadError.None)
        {
            entry.RegistryName = outcome.RegistryName;
            Registry.Answered();
            MarkRefreshed();
            var expiresAt = now + CacheClock.Milliseconds(options.CacheTtl);
            if (outcome.Schema is not { } compiled)
            {
                entry.Succeeded(expiresAt);
                return previous;
            }

            Install(entry, compiled, expiresAt);
            entry.Succeeded(expiresAt);
            _telemetry.SchemaLoaded(compiled, previous);
            return compiled;
        }

        // A 404 is an answer, remembered for NotFoundTtl; anything else is retried after RetryInterval.
        var notFound = outcome.Error == SchemaLoadError.NotFound;
        if (notFound) Registry.Answered();
        var sequence = outcome.Error.IsUnreachable() ? Registry.Failed(outcome.Error) : Registry.LastAnswerSequence;
        var retryAt = now + CacheClock.Milliseconds(notFound ? options.NotFoundTtl : options.RetryInterval);
        entry.Failed(outcome.Error, sequence, retryAt);
        var kept = previous ?? outcome.Schema;
        _telemetry.LoadFailed(entry, outcome.Error, outcome.Exception!, kept, budget);
        if (previous is not null) return previous;
        if (outcome.Schema is { } restored)
        {
            Install(entry, restored, retryAt);
            _telemetry.SnapshotLoaded(restored);
            return restored;
        }

        if (!notFound) _telemetry.UnavailableDecision(entry.Name, options.OnUnavailable, options.RetryInterval);
        return null;
    }

    private void Install(SchemaCacheEntry entry, CompiledSchema schema, long expiresAt)
    {
        entry.Install(schema, expiresAt);
        if (!entry.TryCountAsValidator()) return;
        Interlocked.Decrement(ref _unknown);
        if (Interlocked.Increment(ref _validators) > _policy.Current.Options.MaxCachedSchemas) EvictLeastRecentlyUsed(keep: entry);
    }

    private SchemaCacheEntry GetOrAddEntry(SchemaCacheEntry? found, ReadOnlySpan<char> name, long now)
    {
        if (found is not null || _lookup.TryGetValue(name, out found)) return found;
        var canonical = name.ToString();
        var known = _index.Lists(canonical) || _policy.Current.IsCritical(canonical);
        var created = new SchemaCacheEntry(canonical, now, known);
        var entry = _entries.GetOrAdd(canonical, created);
        if (ReferenceEquals(entry, created))
        {
            _unknownOrder.Enqueue(entry);
            if (Interlocked.Increment(ref _unknown) > MaxUnknownNames) EvictOldestUnknown();
        }

        return entry;
    }

    /// <summary>Evicts the oldest names without a validator until within bounds; validators are never touched.</summary>
    private void EvictOldestUnknown()
    {
        lock (_evictionGate)
        {
            while (Volatile.Read(ref _unknown) > MaxUnknownNames && _unknownOrder.TryDequeue(out var victim))
            {
                if (victim.CountsAsValidator) continue; // it loaded since: counted among validators now
                if (_entries.TryRemove(new KeyValuePair<string, SchemaCacheEntry>(victim.Name, victim)))
                {
                    Interlocked.Decrement(ref _unknown);
                }
            }
        }
    }

    /// <summary>Evicts the least recently used validators until within bounds: one at a time, never all.</summary>
    private void EvictLeastRecentlyUsed(SchemaCacheEntry keep)
    {
        var max = _policy.Current.Options.MaxCachedSchemas;
        lock (_evictionGate)
        {
            while (Volatile.Read(ref _validators) > max)
            {
                SchemaCacheEntry? victim = null;
                foreach (var candidate in _entries.Values)
                {
                    if (candidate.CountsAsValidator && !ReferenceEquals(candidate, keep) && (victim is null || candidate.LastUsed < victim.LastUsed)) victim = candidate;
                }

                if (victim is null) return;
                if (_entries.TryRemove(new KeyValuePair<string, SchemaCacheEntry>(victim.Name, victim)))
                {
                    Interlocked.Decrement(ref _validators);
                    _telemetry.Evicted(victim.Name, max);
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
}
