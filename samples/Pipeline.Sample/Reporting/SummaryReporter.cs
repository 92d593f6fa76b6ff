using System.Globalization;
using CoreRegistryClient.Samples.Pipeline.Feedback;
using CoreRegistryClient.Samples.Pipeline.Processing;
using CoreRegistryClient.Samples.Pipeline.Telemetry;
using Microsoft.Extensions.Hosting;

namespace CoreRegistryClient.Samples.Pipeline.Reporting;

/// <summary>Prints one summary line every <c>--summary-interval</c>, and a last one at shutdown.</summary>
internal sealed class SummaryReporter(PipelineCounters counters, BackpressureTracker backpressure, DeadLetterDepthMonitor deadLetters, PipelineSettings settings, TimeProvider time, TextWriter output) : BackgroundService
{
    public string Line()
    {
        var worst = backpressure.WorstLevel();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"pipeline: received={counters.Received} valid={counters.Valid} warned={counters.Warned} dead-lettered={counters.DeadLettered} rate-scale={worst.RateScale():0.0} backpressure={worst.Name()} dlq={deadLetters.Depth?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await deadLetters.RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (e is Redis.RedisException or OperationCanceledException)
        {
            // The last line then shows the last depth read.
        }

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
