using Microsoft.Extensions.Hosting;

namespace CoreRegistryClient.Samples.Hosting;

/// <summary>Prints one summary line every <c>--summary-interval</c>, and a last one at shutdown.</summary>
internal abstract class PeriodicSummaryReporter(TimeSpan interval, TimeProvider time, TextWriter output) : BackgroundService
{
    /// <summary>The summary line as of now.</summary>
    public abstract string Line();

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await RefreshBeforeLastLineAsync(cancellationToken);
        if (ClosingNote() is { } note)
        {
            await output.WriteLineAsync(note);
        }

        await output.WriteLineAsync(Line());
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>A line printed once at shutdown, just before the last summary line; null for none.</summary>
    protected virtual string? ClosingNote() => null;

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
