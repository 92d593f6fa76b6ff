using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Pipeline.Producing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Samples.Pipeline.Processing;

/// <summary>Runs the at-least-once consumer of the feedback stream, and stops the host once <c>--count</c>
/// messages were received or <c>--duration</c> has passed. With <c>--prefill</c>, the first half is a warm-up: halfway and after it
/// the consumer pauses until the JIT has settled (at most 15 s each), then the steady throughput is measured.</summary>
internal sealed class PipelineConsumerService(
    IMessageBus bus,
    FeedbackProcessor processor,
    PipelineCounters counters,
    PipelineSettings settings,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    BacklogGate backlog,
    ILogger<AtLeastOnceConsumer> consumerLogger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await backlog.Open.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var finished = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        if (settings.Duration is { } duration)
        {
            finished.CancelAfter(duration);
        }

        var identity = new ConsumerIdentity(settings.FeedbackStream, StreamNames.PipelineGroup, settings.ConsumerName);
        var consumer = new AtLeastOnceConsumer(
            bus,
            identity,
            async (message, ct) =>
            {
                var outcome = await processor.HandleAsync(message, ct);
                if (counters.Received is var received && counters.Throughput.PausesAfter(received))
                {
                    // Warm-up: let tiering finish before the steady stretch starts (same for every bus).
                    await counters.Throughput.PauseAsync(received, ct);
                }

                if (settings.Count is { } count && counters.Received >= count)
                {
                    // Let this batch be completed first: the loop ends at its next read, after handling what it read ahead.
                    await finished.CancelAsync();
                }

                return outcome;
            },
            new AtLeastOnceConsumerOptions
            {
                ReadWait = TimeSpan.FromMilliseconds(500),
                ReclaimMinIdle = settings.ReclaimAfter,
                ReclaimInterval = settings.ReclaimAfter / 2,
                IdempotencyWindow = settings.IdempotencyWindow,
            },
            consumerLogger,
            time,
            counters.CountCompleted);

        await consumer.RunAsync(finished.Token);
        counters.ConsumerStopped();
        if (!stoppingToken.IsCancellationRequested)
        {
            lifetime.StopApplication();
        }
    }
}
