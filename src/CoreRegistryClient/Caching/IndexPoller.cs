using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Caching;

/// <summary>Reads <c>GET /index</c> every poll interval and refetches only the cached schemas whose sha256
/// (or negotiated track) changed; each changed schema is compiled and swapped in atomically by the cache.
/// Unchanged schemas are confirmed fresh without a fetch (which also clears a past failure, so health recovers).</summary>
/// <remarks>One poll is one request, made once per interval ± <see cref="JitterFraction"/> (drawn afresh each time, so a
/// fleet started together does not poll in lock step), and conditional: the registry client sends the last index's
/// <c>ETag</c>, and a <c>304 Not Modified</c> confirms every cached schema without a body. A push notification or a
/// reconnect asks for the same check at once through <see cref="PollOnceAsync"/>.</remarks>
internal sealed class IndexPoller(
    SchemaCache cache,
    ISchemaRegistryClient registry,
    EnforcementPolicy policy,
    SchemaTelemetry telemetry,
    TimeProvider time,
    ILogger<IndexPoller> logger,
    Random? jitter = null) : BackgroundService
{
    /// <summary>Each wait is the poll interval times a factor drawn uniformly from [1 - this, 1 + this].</summary>
    public const double JitterFraction = 0.1;

    private readonly Random _jitter = jitter ?? Random.Shared;

    /// <summary>How long to wait before looking again when polling is switched off (it may be switched on by a reload).</summary>
    private static readonly TimeSpan IdleRecheck = TimeSpan.FromSeconds(60);

    /// <summary>Whether polls with these options can come later than the cache TTL: then a cached schema expires between
    /// two confirmations and is fetched again in full on its next use (once per TTL), although the index would have
    /// confirmed it. A wait is up to <see cref="JitterFraction"/> longer than the interval, hence the margin.</summary>
    /// <remarks>Warned about rather than compensated (a confirmed entry is not kept past its TTL): <c>CacheTtl</c> is the
    /// bound on how long a schema is served without the registry confirming it, and stays the operator's choice.</remarks>
    internal static bool OutlivesCacheTtl(SchemaEnforcementOptions options) =>
        options.PollInterval > TimeSpan.Zero && options.PollInterval * (1 + JitterFraction) >= options.CacheTtl;

    /// <summary>Warns (event 1036) when the configured interval <see cref="OutlivesCacheTtl"/>, then starts polling.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var options = policy.Current.Options;
        if (policy.Current.Enabled && OutlivesCacheTtl(options))
        {
            logger.PollIntervalOutlivesCacheTtl(options.PollInterval.TotalSeconds, options.CacheTtl.TotalSeconds, Math.Floor(options.CacheTtl.TotalSeconds / (1 + JitterFraction)));
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(NextDelay(), time, stoppingToken).ConfigureAwait(false);
                if (!policy.Current.Enabled || policy.Current.Options.PollInterval <= TimeSpan.Zero) continue;
                await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A poll must never take the host down (BackgroundService failures stop it by default).
                telemetry.IndexPollFailed(SchemaLoadError.Unknown, exception);
            }
        }
    }

    /// <summary>The wait before the next poll: the interval ± <see cref="JitterFraction"/> (the interval is validated to a
    /// bounded range, so the delay never throws).</summary>
    internal TimeSpan NextDelay() => policy.Current.Options.PollInterval is var interval && interval > TimeSpan.Zero
        ? interval * (1 + (((2 * _jitter.NextDouble()) - 1) * JitterFraction))
        : IdleRecheck;

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
            var error = SchemaLoadErrors.From(exception);
            cache.Registry.Failed(error);
            telemetry.IndexPollFailed(error, exception);
            return -1;
        }

        cache.IndexRead(index);
        var trackPolicy = policy.Current.TrackPolicy;
        var refreshes = new List<Task>();
        var tracked = 0;
        foreach (var entry in cache.Entries)
        {
            if (entry.Current is not { } schema) continue;
            tracked++;
            if (trackPolicy.Choose(index, entry.Name) is not var (track, listed)) continue;
            if (schema.Matches(trackPolicy.Requested, track, listed.Sha256))
            {
                cache.Confirm(entry, listed.Name);
                continue;
            }

            logger.IndexChangeDetected(entry.Name, track, listed.Sha256);
            refreshes.Add(cache.RefreshAsync(entry, track, listed.Name));
        }

        await Task.WhenAll(refreshes).WaitAsync(cancellationToken).ConfigureAwait(false);
        activity?.SetTag("schema.changed", refreshes.Count);
        logger.IndexPolled(refreshes.Count, tracked);
        return refreshes.Count;
    }
}
