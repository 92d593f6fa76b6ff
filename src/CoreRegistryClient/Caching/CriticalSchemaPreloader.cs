using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Caching;

/// <summary>At start-up: loads the configured critical schemas, and when the registry turns out to be
/// unreachable, seeds the cache from the disk snapshot. Never fails start-up: a registry outage is reported
/// through logs, metrics and the health check instead.</summary>
internal sealed class CriticalSchemaPreloader(
    SchemaCache cache,
    ISchemaRegistryClient registry,
    EnforcementPolicy policy,
    ILogger<CriticalSchemaPreloader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var current = policy.Current;
        if (!current.Enabled) return;
        try
        {
            await RunAsync(current, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.PreloadFailed(exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal async Task RunAsync(PolicySnapshot current, CancellationToken cancellationToken)
    {
        var options = current.Options;
        var critical = options.CriticalSchemas.ToList();
        var allLoaded = true;
        if (critical.Count > 0)
        {
            allLoaded = await cache.PreloadAsync(critical, cancellationToken).ConfigureAwait(false);
            logger.Preloaded(critical.Count(name => cache.TryGetEntry(name, out var entry) && entry.Current is not null), critical.Count);
        }

        // Critical schemas that all loaded prove the registry is up; otherwise ask it, and only an unreachable
        // registry warrants serving possibly outdated snapshots.
        if (options.CacheDirectory is not { } directory || (critical.Count > 0 && allLoaded)) return;
        if (!await IsReachableAsync(options.Timeout, cancellationToken).ConfigureAwait(false))
        {
            logger.SeededFromSnapshot(cache.SeedFromSnapshots(directory), directory);
        }
    }

    private async Task<bool> IsReachableAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await registry.GetHealthAsync(bounded.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            cache.MarkRegistryError();
            return false;
        }
    }
}
