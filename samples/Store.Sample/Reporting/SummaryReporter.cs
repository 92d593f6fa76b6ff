using System.Globalization;
using CoreRegistryClient.Samples.Store.Drift;
using CoreRegistryClient.Samples.Store.Feedback;
using CoreRegistryClient.Samples.Store.Publishing;
using Microsoft.Extensions.Hosting;

namespace CoreRegistryClient.Samples.Store.Reporting;

/// <summary>Prints one summary line every <c>--summary-interval</c>, and a last one at shutdown.</summary>
internal sealed class SummaryReporter(StoreCounters counters, FeedbackSimulator simulator, DriftBoard drift, BusDriftEventPublisher driftEvents, StoreSettings settings, TimeProvider time, TextWriter output) : BackgroundService
{
    public string Line()
    {
        var drifted = drift.Drifted()?.ToString(CultureInfo.InvariantCulture) ?? "?";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"store: produced={counters.Produced} published={counters.Published} warned={counters.Warned} rejected={counters.Rejected} failed={counters.Failed} backpressure={simulator.WorstLevel.Name()} drift-runs={drift.Runs} drifted={drifted} drift-events={driftEvents.Published}");
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await output.WriteLineAsync(Line());
        await output.FlushAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.SummaryInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await output.WriteLineAsync(Line());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown prints the last line.
        }
    }
}
