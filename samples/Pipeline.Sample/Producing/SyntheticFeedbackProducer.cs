using CoreRegistryClient.Samples.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Pipeline.Producing;

/// <summary>Publishes generated FeedbackEvents to the feedback stream at <c>--rate</c> per second (stopping
/// after <c>--count</c>), standing in for the stores when the sample runs alone. Each 100 ms tick is one
/// pipelined batch; a batch the bus refuses is published again after a pause (with backoff), never dropped.</summary>
internal sealed partial class SyntheticFeedbackProducer(IMessageBus bus, PipelineSettings settings, BacklogGate backlog, TimeProvider time, ILogger<SyntheticFeedbackProducer> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    public long Published { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var generator = new FeedbackGenerator(settings.InvalidShare, timeProvider: time, source: settings.FeedbackSource, provider: settings.Provider);
        // A backlog is published as fast as the bus takes it, in batches of a thousand.
        var perTick = settings.Prefill ? 1000 : Math.Max(1, settings.Rate / 10);
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            while (settings.Count is not { } limit || Published < limit)
            {
                var size = settings.Count is { } max ? (int)Math.Min(perTick, max - Published) : perTick;
                var batch = new ReadOnlyMemory<byte>[size];
                for (var i = 0; i < size; i++)
                {
                    batch[i] = generator.Next().Envelope.ToUtf8Bytes();
                }

                await PublishAsync(batch, stoppingToken);
                Published += size;
                if (!settings.Prefill)
                {
                    await timer.WaitForNextTickAsync(stoppingToken);
                }
            }

            backlog.Filled();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
    }

    private async Task PublishAsync(ReadOnlyMemory<byte>[] batch, CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                await bus.PublishBatchAsync(settings.FeedbackStream, batch, cancellationToken);
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Part of the batch may be on the stream already; publishing it again is safe because the
                // consumers complete each envelope id once.
                LogPublishFailed(logger, settings.FeedbackStream, e.Message, pause.TotalSeconds);
                await Task.Delay(pause, time, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Error, Message = "Synthetic producer: publishing to {Stream} failed ({Error}); retrying in {Seconds} s")]
    private static partial void LogPublishFailed(ILogger logger, string stream, string error, double seconds);
}
