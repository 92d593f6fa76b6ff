using Microsoft.Extensions.Hosting;

namespace CoreRegistryClient.Samples.Hosting;

/// <summary>Prints one summary line every <c>--summary-interval</c>, and a last one at shutdown.</summary>
public abstract class PeriodicSummaryReporter(TimeSpan interval, TimeProvider time, TextWriter output) : BackgroundService
{
    /// <summary>The summary line as of now.</summary>
    public abstract string Line();

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await RefreshBeforeLastLineAsync(cancellationToken);
        await output.WriteLineAsync(Line());
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Brings figures read periodically up to date for the last line.</summary>
    protected virtual Task RefreshBeforeLastLineAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
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
