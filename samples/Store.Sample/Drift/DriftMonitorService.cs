using CoreRegistryClient.Drift;
using CoreRegistryClient.Samples.Store.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.Samples.Store.Drift;

/// <summary>
/// Runs the SDK's <see cref="DriftReporter"/> over every fixture set at start-up and then every
/// <c>--drift-interval</c>. Each drifted schema increments <c>schema_drift_total</c>, sets
/// <c>schema_drift_last_detected_timestamp</c> and becomes a <c>telemetry.schema_drift</c> event on the bus
/// (the reporter does all three, fail-open).
/// </summary>
internal sealed partial class DriftMonitorService(
    DriftReporter reporter,
    DriftBoard board,
    RunProgress progress,
    StoreSettings settings,
    IOptionsMonitor<SchemaEnforcementOptions> enforcement,
    TimeProvider time,
    ILogger<DriftMonitorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sets = FixtureSets.Discover(settings.Fixtures);
        using var timer = new PeriodicTimer(settings.DriftInterval, time);
        try
        {
            do
            {
                await RunOnceAsync(sets, stoppingToken);
                progress.DriftRunFinished();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
    }

    private async Task RunOnceAsync(IReadOnlyList<string> sets, CancellationToken cancellationToken)
    {
        foreach (var set in sets)
        {
            var options = new DriftReporterOptions
            {
                Repository = settings.Repository,
                PublishEvents = true,
                RegistryUrl = enforcement.CurrentValue.RegistryUrl,

                // The embedded registry's /compat/check is a stub that calls everything compatible; only a real
                // registry's answer is worth more than the reporter's own structural diff.
                UseRegistryCompatibilityCheck = settings.RegistryUrl is not null,
            };
            try
            {
                var report = await reporter.CompareAsync(set, options, cancellationToken: cancellationToken);
                board.Record(set, report);
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var name = Path.GetFileName(set);
                    var drifted = report.Drifted == 0 ? "none" : string.Join(", ", report.Schemas.Where(s => report.IsDrift(s.Status)).Select(s => $"{s.Schema} ({s.Status}, {s.Classification?.ToString() ?? "unclassified"})"));
                    LogReport(logger, name, report.Track, report.RegistryAvailable ? "reachable" : "unreachable", report.Synced, report.Drifted, report.Unknown, drifted);
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                // A fixture set the reporter cannot use (no track, a track the registry lacks, bad _metadata.json)
                // is a configuration problem to fix, not a reason to stop publishing.
                LogSetFailed(logger, set, e.Message);
            }
        }

        board.CountRun();
    }

    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Drift check {FixtureSet} (track {Track}, registry {Registry}): {Synced} synced, {Drifted} drifted, {Unknown} unknown; drifted: {DriftedSchemas}")]
    private static partial void LogReport(ILogger logger, string fixtureSet, string track, string registry, int synced, int drifted, int unknown, string driftedSchemas);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Error, Message = "Drift check of {FixtureSet} failed: {Error}")]
    private static partial void LogSetFailed(ILogger logger, string fixtureSet, string error);
}
