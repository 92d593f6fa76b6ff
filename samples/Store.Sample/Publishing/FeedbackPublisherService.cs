using CoreRegistryClient.Samples.Store.Feedback;
using CoreRegistryClient.Samples.Store.Hosting;
using Microsoft.Extensions.Hosting;

namespace CoreRegistryClient.Samples.Store.Publishing;

/// <summary>Lets the coordinators report at <c>--rate</c> events per second and publishes each report through
/// <see cref="FeedbackPublisher"/>, until <c>--count</c> events were produced or the host stops.</summary>
internal sealed class FeedbackPublisherService(FeedbackSimulator simulator, FeedbackPublisher publisher, StoreSettings settings, RunProgress progress, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The rate is spread over ten ticks a second; a remainder carries over so any rate comes out exact.
        var perSecond = settings.Rate;
        var owed = 0.0;
        long produced = 0;
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            while (settings.Count is not { } limit || produced < limit)
            {
                owed += perSecond / 10.0;
                for (; owed >= 1 && (settings.Count is not { } max || produced < max); owed--)
                {
                    await publisher.PublishAsync(simulator.Next(), stoppingToken);
                    produced++;
                }

                if (settings.Count is { } done && produced >= done)
                {
                    break;
                }

                await timer.WaitForNextTickAsync(stoppingToken);
            }

            progress.PublishingFinished();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
    }
}
