using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Caching;

/// <summary>At start-up: loads the configured critical schemas (with none, asks <c>GET /health</c>, which also opens the
/// connection a first cold miss reuses), meanwhile warms the load path (<see cref="LoadPathWarmup"/>), and when the
/// registry does not answer within the start-up budget (<c>PreloadTimeout</c>), seeds the cache from the disk snapshot.
/// Never fails start-up and never
/// holds it longer than that budget: loads still running then carry on in the background, and a registry outage is
/// reported through logs, metrics and the health check instead.</summary>
internal sealed class CriticalSchemaPreloader(
    SchemaCache cache,
    ISchemaRegistryClient registry,
    SchemaLoader loader,
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
        var started = time.GetTimestamp();
        var warmup = LoadPathWarmup.Start(loader, options.FormatAssertion);
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

        await AwaitWarmupAsync(warmup, budget - time.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);

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

    /// <summary>Waits for the warm-up within what is left of the start-up budget (it carries on past it), and logs how it went.</summary>
    private async Task AwaitWarmupAsync(Task<TimeSpan> warmup, TimeSpan left, CancellationToken cancellationToken)
    {
        if (left > TimeSpan.Zero)
        {
            // Its failure or overrun is not start-up's: logged below, and the first load compiles the path instead.
            await ((Task)warmup).WaitAsync(left, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
        }

        _ = warmup.ContinueWith(
            static (done, state) =>
            {
                var log = (ILogger)state!;
                if (done.IsCompletedSuccessfully) log.LoadPathWarmed(done.Result.TotalMilliseconds);
                else log.LoadPathWarmupFailed(done.Exception!.InnerException!);
            },
            logger,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
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

    /// <summary>The SDK's HTTP client is asked the way a load asks it (synchronously, on a thread of its own), so the
    /// first load finds that path compiled as well as the connection open; a host's handler that cannot send
    /// synchronously is asked asynchronously.</summary>
    private Task<RegistryHealth> AskHealthAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        if (registry is not SchemaRegistryClient http) return registry.GetHealthAsync(cancellationToken);
        return DedicatedThread.Run("CoreRegistryClient start-up call", () =>
        {
            try
            {
                return http.GetHealth(budget, cancellationToken);
            }
            catch (NotSupportedException)
            {
                return http.GetHealthAsync(cancellationToken).GetAwaiter().GetResult();
            }
        });
    }

    private async Task<bool> IsReachableAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        using var bounded = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bounded.Token);
        try
        {
            await AskHealthAsync(budget, linked.Token).WaitAsync(budget, time, cancellationToken).ConfigureAwait(false);
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
