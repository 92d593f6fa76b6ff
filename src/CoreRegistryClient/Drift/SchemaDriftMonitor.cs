using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.Drift;

/// <summary>Runs the <see cref="DriftReporter"/> over the configured directories on the configured schedule, writes
/// each report, and keeps the latest for the health check.</summary>
/// <remarks>A run never stops the host: a directory that cannot be compared is logged and skipped, an unreachable
/// registry gives a report of unknown statuses, and event publishing is fail-open (the reporter's rule).</remarks>
internal sealed class SchemaDriftMonitor : BackgroundService, ISchemaDriftMonitor
{
    internal const string ReportFileName = "drift_report.json";

    private readonly DriftReporter _reporter;
    private readonly SchemaDriftMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _running = new(1, 1);
    private volatile DriftMonitorSnapshot _snapshot = DriftMonitorSnapshot.Empty;
    private long _runs;
    private long _nextRunTicks; // UTC ticks, 0 for none: read by the health check on other threads

    public SchemaDriftMonitor(DriftReporter reporter, IOptions<SchemaDriftMonitorOptions> options, TimeProvider time, ILogger<SchemaDriftMonitor> logger)
    {
        _reporter = reporter ?? throw new ArgumentNullException(nameof(reporter));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public long Runs => Interlocked.Read(ref _runs);

    public DateTimeOffset? LastRunAt => _snapshot.FinishedAt;

    public DateTimeOffset? NextRunAt
    {
        get => Interlocked.Read(ref _nextRunTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        private set => Interlocked.Exchange(ref _nextRunTicks, value?.UtcTicks ?? 0);
    }

    public IReadOnlyList<DriftReport> LatestReports => _snapshot.Reports;

    /// <summary>The last run's outcome, read by the health check.</summary>
    internal DriftMonitorSnapshot Snapshot => _snapshot;

    /// <summary>The report file of <paramref name="schemaDirectory"/> among <paramref name="directoryCount"/> directories.</summary>
    internal static string ReportPath(string reportDirectory, string schemaDirectory, int directoryCount) =>
        Path.Combine(reportDirectory, directoryCount == 1
            ? ReportFileName
            : $"drift_report.{Path.GetFileName(Path.TrimEndingDirectorySeparator(schemaDirectory))}.json");

    public async Task<IReadOnlyList<DriftReport>> RunNowAsync(CancellationToken cancellationToken = default)
    {
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = await RunAllAsync(cancellationToken).ConfigureAwait(false);
            _snapshot = snapshot;
            Interlocked.Increment(ref _runs);
            DriftLog.MonitorRunCompleted(_logger, snapshot.Reports.Count, snapshot.Drifted, snapshot.Unknown, snapshot.Failures.Count);
            return snapshot.Reports;
        }
        finally
        {
            _running.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (_options.RunOnStart)
            {
                await RunScheduledAsync(stoppingToken).ConfigureAwait(false);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var now = _time.GetUtcNow();
                var next = DriftSchedule.Next(now, _snapshot.FinishedAt, _options.Interval, _options.DailyAtUtc);
                NextRunAt = next;
                DriftLog.MonitorNextRun(_logger, next);
                if (next > now)
                {
                    await Task.Delay(next - now, _time, stoppingToken).ConfigureAwait(false);
                }

                await RunScheduledAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
        finally
        {
            NextRunAt = null;
        }
    }

    public override void Dispose()
    {
        _running.Dispose();
        base.Dispose();
    }

    private async Task RunScheduledAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunNowAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Whatever went wrong, the next scheduled run tries again: a monitor must not take its host down.
            DriftLog.MonitorRunFailed(_logger, e.GetType().Name, e);
            _snapshot = _snapshot with { FinishedAt = _time.GetUtcNow(), Failures = [e.Message] };
        }
    }

    private async Task<DriftMonitorSnapshot> RunAllAsync(CancellationToken cancellationToken)
    {
        var directories = _options.SchemaDirectories;
        var reports = new List<DriftReport>(directories.Count);
        var failures = new List<string>();
        foreach (var directory in directories)
        {
            var reportPath = ReportPath(_options.ReportDirectory, directory, directories.Count);
            var options = new DriftReporterOptions
            {
                Repository = _options.Repository,
                PublishEvents = _options.PublishEvents,
                UseRegistryCompatibilityCheck = _options.UseRegistryCompatibilityCheck,
                ExcludedFiles = { Path.GetFileName(reportPath) },
            };
            try
            {
                var report = await _reporter.CompareAsync(directory, options, cancellationToken: cancellationToken).ConfigureAwait(false);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(reportPath))!);
                DriftReportJson.Write(report, reportPath);
                reports.Add(report);
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                // A directory the reporter cannot use (no track, a track the registry lacks, bad _metadata.json, a
                // report that cannot be written) is a configuration problem to fix; the other directories still run.
                DriftLog.MonitorDirectoryFailed(_logger, directory, e.Message);
                failures.Add($"{directory}: {e.Message}");
            }
        }

        return new DriftMonitorSnapshot(_time.GetUtcNow(), reports, failures);
    }
}
