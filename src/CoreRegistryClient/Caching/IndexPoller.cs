using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Caching;

/// <summary>Reads <c>GET /index</c> every poll interval and refetches only the cached schemas whose sha256
/// (or negotiated track) changed; each changed schema is compiled and swapped in atomically by the cache.
/// Unchanged schemas are confirmed fresh without a fetch.</summary>
internal sealed class IndexPoller(
    SchemaCache cache,
    ISchemaRegistryClient registry,
    EnforcementPolicy policy,
    SchemaMetrics metrics,
    ValidationCounters counters,
    TimeProvider time,
    ILogger<IndexPoller> logger) : BackgroundService
{
    /// <summary>How long to wait before looking again when polling is switched off (it may be switched on by a reload).</summary>
    private static readonly TimeSpan IdleRecheck = TimeSpan.FromSeconds(60);

    /// <summary>The <c>schema</c> label of index poll errors, which concern no one schema.</summary>
    internal const string IndexSchemaLabel = "_index";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var current = policy.Current;
            var interval = current.Options.PollInterval;
            await Task.Delay(interval > TimeSpan.Zero ? interval : IdleRecheck, time, stoppingToken).ConfigureAwait(false);
            if (!policy.Current.Enabled || policy.Current.Options.PollInterval <= TimeSpan.Zero) continue;
            try
            {
                await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A poll must never take the host down (BackgroundService failures stop it by default).
                logger.IndexPollFailed(RegistryErrorTypes.Unknown, exception);
            }
        }
    }

    /// <summary>One poll; returns how many schemas were refetched (-1 when the index could not be read).</summary>
    internal async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        using var activity = RegistryActivitySource.Source.StartActivity("schema.index.poll");
        SchemaIndex index;
        try
        {
            index = await registry.GetIndexAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var errorType = RegistryErrorTypes.For(exception);
            counters.RegistryErrors.Increment();
            metrics.RegistryError(IndexSchemaLabel, errorType);
            cache.MarkRegistryError();
            logger.IndexPollFailed(errorType, exception);
            return -1;
        }

        var trackPolicy = policy.Current.TrackPolicy;
        var refreshes = new List<Task>();
        var tracked = 0;
        foreach (var entry in cache.Entries)
        {
            if (entry.Current is not { } schema) continue;
            tracked++;
            if (Expected(index, entry.Name, trackPolicy) is not var (track, sha256)) continue;
            if (schema.Matches(trackPolicy.Requested, track, sha256))
            {
                cache.Confirm(entry);
                continue;
            }

            logger.IndexChangeDetected(entry.Name, track, sha256);
            refreshes.Add(cache.RefreshAsync(entry, track));
        }

        await Task.WhenAll(refreshes).WaitAsync(cancellationToken).ConfigureAwait(false);
        activity?.SetTag("schema.changed", refreshes.Count);
        logger.IndexPolled(refreshes.Count, tracked);
        return refreshes.Count;
    }

    /// <summary>The track and sha256 that negotiation would pick from the index, or null when the index does
    /// not list the schema on any candidate track (it is then left alone: the TTL refresh handles it).</summary>
    private static (string Track, string Sha256)? Expected(SchemaIndex index, string name, TrackPolicy trackPolicy)
    {
        (string, string)? deprecated = null;
        foreach (var track in trackPolicy.Candidates)
        {
            if (index.Tracks is null || !index.Tracks.TryGetValue(track, out var trackIndex) || trackIndex?.Schemas is null) continue;
            var listed = trackIndex.Schemas.FirstOrDefault(s => s is not null && SchemaNames.Same(s.Name, name));
            if (listed is null) continue;
            if (!listed.Deprecated) return (track, listed.Sha256);
            deprecated ??= (track, listed.Sha256);
        }

        return deprecated;
    }
}
