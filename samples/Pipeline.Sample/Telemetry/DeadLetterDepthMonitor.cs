using CoreRegistryClient.Samples.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Pipeline.Telemetry;

/// <summary>Polls the length of the dead-letter stream, so the <c>pipeline_dead_letter_queue_depth</c> gauge
/// reads a cached number: a metrics scrape never waits on Redis.</summary>
internal sealed partial class DeadLetterDepthMonitor(IMessageBus bus, PipelineSettings settings, TimeProvider time, ILogger<DeadLetterDepthMonitor> logger) : BackgroundService
{
    private long _depth = -1;

    public string Stream { get; } = StreamNames.DeadLetter(StreamNames.Feedback(settings.Namespace));

    /// <summary>The last length read; null until the first poll succeeded.</summary>
    public long? Depth => Interlocked.Read(ref _depth) is var depth and >= 0 ? depth : null;

    /// <summary>Reads the length now.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _depth, await bus.GetLengthAsync(Stream, cancellationToken));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.DeadLetterPollInterval, time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (RedisException e)
            {
                LogPollFailed(logger, Stream, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Could not read the length of {Stream}: {Error}")]
    private static partial void LogPollFailed(ILogger logger, string stream, string error);
}
