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
        // CPU per message next to the rate: on a loaded machine the rate says more about the load than the bus.
        // The steady line leaves out the warm-up (first half, then a pause until the JIT settled), the same way for every bus.
        var meter = counters.Throughput;
        if (meter.Whole is not { } whole)
        {
            return null;
        }

        var line = Describe("throughput", whole, "first delivery to last completion");
        return meter.Steady is { } steady ? line + Environment.NewLine + Describe("steady throughput", steady, "second half, after the warm-up and the JIT settled") : line;
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

    private string Describe(string what, ThroughputStretch stretch, string span)
    {
        var cpu = stretch.CpuMicrosecondsPerMessage is { } us ? string.Create(CultureInfo.InvariantCulture, $", process CPU {us:0.0} us/msg") : string.Empty;
        var allocated = stretch.BytesPerMessage is { } bytes ? string.Create(CultureInfo.InvariantCulture, $", allocated {bytes:0} B/msg, JIT-compiled {stretch.JitCompiled} methods") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"pipeline: {what} {stretch.Messages} messages in {stretch.Elapsed.TotalSeconds:0.00} s = {stretch.MessagesPerSecond:0} msg/s (bus={settings.Bus}, {span}{cpu}{allocated})");
    }
}
