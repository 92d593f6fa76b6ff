using System.Globalization;
using CoreRegistryClient.Samples.Backpressure;
using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Pipeline.Feedback;
using CoreRegistryClient.Samples.Pipeline.Processing;
using CoreRegistryClient.Samples.Pipeline.Telemetry;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Pipeline.Reporting;

/// <summary>The pipeline's summary line: counters, backpressure and dead-letter depth; at shutdown also the
/// throughput of the run.</summary>
internal sealed class PipelineSummaryReporter(PipelineCounters counters, BackpressureTracker backpressure, DeadLetterDepthMonitor deadLetters, PipelineSettings settings, TimeProvider time, TextWriter output)
    : PeriodicSummaryReporter(settings.SummaryInterval, time, output)
{
    public override string Line()
    {
        var worst = backpressure.WorstLevel();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"pipeline: received={counters.Received} valid={counters.Valid} warned={counters.Warned} dead-lettered={counters.DeadLettered} duplicates={counters.Duplicates} redelivered={counters.Redelivered} rate-scale={worst.RateScale():0.0} backpressure={worst.Name()} dlq={deadLetters.Depth?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
    }

    protected override string? ClosingNote()
    {
        var busy = counters.Busy;
        var completed = counters.Valid + counters.Warned + counters.DeadLettered + counters.Duplicates;
        if (busy <= TimeSpan.Zero)
        {
            return null;
        }

        // CPU per message next to the rate: on a loaded machine the rate says more about the load than the bus.
        var cpu = counters.BusyCpu is { } used ? string.Create(CultureInfo.InvariantCulture, $", process CPU {used.TotalMicroseconds / completed:0.0} us/msg") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"pipeline: throughput {completed} messages in {busy.TotalSeconds:0.00} s = {completed / busy.TotalSeconds:0} msg/s (bus={settings.Bus}, first delivery to last completion{cpu})");
    }

    protected override async Task RefreshBeforeLastLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            await deadLetters.RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or OperationCanceledException)
        {
            // The last line then shows the last depth read.
        }
    }
}
