using System.Globalization;
using CoreRegistryClient.Samples.Backpressure;
using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Pipeline.Feedback;
using CoreRegistryClient.Samples.Pipeline.Processing;
using CoreRegistryClient.Samples.Pipeline.Telemetry;

namespace CoreRegistryClient.Samples.Pipeline.Reporting;

/// <summary>The pipeline's summary line: counters, backpressure and dead-letter depth.</summary>
internal sealed class SummaryReporter(PipelineCounters counters, BackpressureTracker backpressure, DeadLetterDepthMonitor deadLetters, PipelineSettings settings, TimeProvider time, TextWriter output)
    : PeriodicSummaryReporter(settings.SummaryInterval, time, output)
{
    public override string Line()
    {
        var worst = backpressure.WorstLevel();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"pipeline: received={counters.Received} valid={counters.Valid} warned={counters.Warned} dead-lettered={counters.DeadLettered} rate-scale={worst.RateScale():0.0} backpressure={worst.Name()} dlq={deadLetters.Depth?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
    }

    protected override async Task RefreshBeforeLastLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            await deadLetters.RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (e is Redis.RedisException or OperationCanceledException)
        {
            // The last line then shows the last depth read.
        }
    }
}
