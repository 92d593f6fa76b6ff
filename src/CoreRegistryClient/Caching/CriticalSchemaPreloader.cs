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
        if (critical.Count > 0)
        {
            await cache.PreloadAsync(critical, cancellationToken).ConfigureAwait(false);
            logger.Preloaded(critical.Count(name => cache.TryGetEntry(name, out var entry) && entry.Current is not null), critical.Count);
        }

        var allFromRegistry = critical.TrueForAll(name => cache.TryGetEntry(name, out var entry) && entry.Current is { FromSnapshot: false });

        // Critical schemas that all loaded prove the registry is up; one that failed to reach it proves it down;
        // otherwise ask. Only an unreachable registry warrants serving possibly outdated snapshots.
        if (options.CacheDirectory is not { } directory || (critical.Count > 0 && allFromRegistry)) return;
        var unreachable = critical.Any(name => cache.TryGetEntry(name, out var entry) && RegistryErrorTypes.IsUnreachable(entry.LastError))
            || !await IsReachableAsync(options.Timeout, cancellationToken).ConfigureAwait(false);
        if (unreachable)
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
