using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Caching;

/// <summary>At start-up: loads the configured critical schemas (with none, asks <c>GET /health</c>, which also opens the
/// connection a first cold miss reuses), and when the registry does not answer within the start-up budget
/// (<c>PreloadTimeout</c>), seeds the cache from the disk snapshot. Never fails start-up and never
/// holds it longer than that budget: loads still running then carry on in the background, and a registry outage is
/// reported through logs, metrics and the health check instead.</summary>
internal sealed class CriticalSchemaPreloader(
    SchemaCache cache,
    ISchemaRegistryClient registry,
    EnforcementPolicy policy,
    TimeProvider time,
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
        var budget = options.PreloadTimeout;
        var critical = options.CriticalSchemas.Select(SchemaNames.Canonical).Distinct(StringComparer.Ordinal).ToList();
        bool? reachable = null;
        if (critical.Count == 0)
        {
            // Nothing to load, but one call still opens the registry connection that a first cold miss reuses (a herd of
            // thread-pool callers on a new connection waits for the pool to grow: see RegistryConnectionPolicy).
            reachable = await IsReachableAsync(budget, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var loads = cache.StartPreload(critical);
            if (!await WithinAsync(Task.WhenAll(loads.Select(l => l.Completion)), budget, cancellationToken).ConfigureAwait(false))
            {
                var pending = loads.Count(l => !l.Completion.IsCompleted);
                logger.PreloadBudgetExceeded(budget.TotalSeconds, pending);
            }

            var loaded = critical.Count(name => Entry(name)?.Current is not null);
            logger.Preloaded(loaded, critical.Count);
        }

        if (options.CacheDirectory is not { } directory) return;
        if (critical.Count > 0 && critical.TrueForAll(name => Entry(name)?.Current is { FromSnapshot: false })) return;

        // Only a registry that did not answer in time warrants serving possibly outdated snapshots: a critical schema
        // that failed to reach it or is still loading proves it; with no critical schema, ask it.
        var unreachable = reachable is { } answered
            ? !answered
            : critical.Exists(name => Entry(name) is { Current: null or { FromSnapshot: true } } entry && (entry.LastError.IsUnreachable() || entry.InFlight is not null));
        if (unreachable)
        {
            logger.SeededFromSnapshot(cache.SeedFromSnapshots(directory), directory);
        }
    }

    private SchemaCacheEntry? Entry(string name) => cache.TryGetEntry(name, out var entry) ? entry : null;

    private async Task<bool> WithinAsync(Task work, TimeSpan budget, CancellationToken cancellationToken)
    {
        try
        {
            await work.WaitAsync(budget, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<bool> IsReachableAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        using var bounded = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bounded.Token);
        try
        {
            await registry.GetHealthAsync(linked.Token).WaitAsync(budget, time, cancellationToken).ConfigureAwait(false);
            cache.Registry.Answered();
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            cache.Registry.Failed(exception is TimeoutException ? SchemaLoadError.Timeout : SchemaLoadErrors.From(exception));
            return false;
        }
    }
}
