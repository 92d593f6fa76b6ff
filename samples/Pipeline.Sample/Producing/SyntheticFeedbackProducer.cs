using CoreRegistryClient.Samples.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Samples.Pipeline.Producing;

/// <summary>Publishes generated FeedbackEvents to the feedback stream at <c>--rate</c> per second (stopping
/// after <c>--count</c>), standing in for the stores when the sample runs alone.</summary>
internal sealed partial class SyntheticFeedbackProducer(IMessageBus bus, PipelineSettings settings, TimeProvider time, ILogger<SyntheticFeedbackProducer> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    public long Published { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var generator = new FeedbackGenerator(settings.InvalidShare, timeProvider: time);
        var perTick = Math.Max(1, settings.Rate / 10);
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            while (settings.Count is not { } limit || Published < limit)
            {
                for (var i = 0; i < perTick && (settings.Count is not { } max || Published < max); i++)
                {
                    var (envelope, _) = generator.Next();
                    await bus.PublishAsync(settings.FeedbackStream, envelope.ToUtf8Bytes(), stoppingToken);
                    Published++;
                }

                await timer.WaitForNextTickAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
        catch (Redis.RedisException e)
        {
            LogPublishFailed(logger, settings.FeedbackStream, e.Message);
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Error, Message = "Synthetic producer stopped: publishing to {Stream} failed: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, string stream, string error);
}
