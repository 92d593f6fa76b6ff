using Microsoft.Extensions.Hosting;

namespace CoreRegistryClient.Samples.Store.Hosting;

/// <summary>Stops the host when the run is over: after <c>--count</c> events and the first drift run (so a short
/// run still shows drift) unless <c>--keep-serving</c>, or after <c>--duration</c>, whichever comes first. Without
/// either it runs until Ctrl+C.</summary>
internal sealed class RunLimitService(RunProgress progress, StoreSettings settings, IHostApplicationLifetime lifetime, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var limits = new List<Task>();
        if (settings.Count is not null && !settings.KeepServing)
        {
            limits.Add(Task.WhenAll(progress.Publishing, progress.FirstDriftRun));
        }

        if (settings.Duration is { } duration)
        {
            limits.Add(Task.Delay(duration, time, stoppingToken));
        }

        if (limits.Count == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAny(limits).WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        lifetime.StopApplication();
    }
}
