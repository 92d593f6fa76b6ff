using System.Diagnostics.Metrics;
using CoreRegistryClient.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoreRegistryClient.Drift;

/// <summary>Compares a directory of local schema copies with a registry track and reports drift.</summary>
/// <remarks>Registry trouble never becomes an exception here: an unreachable registry gives a report with
/// <see cref="DriftReport.RegistryAvailable"/> false and <see cref="DriftStatus.Unknown"/> statuses, and event
/// publishing is fail-open.</remarks>
public sealed class DriftReporter
{
    private readonly ISchemaRegistryClient _registry;
    private readonly IDriftEventPublisher? _publisher;
    private readonly DriftMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates a reporter.</summary>
    /// <param name="registry">The registry client.</param>
    /// <param name="publisher">Where drift events go when <see cref="DriftReporterOptions.PublishEvents"/> is set.
    /// Default: the built-in publisher that posts to <paramref name="registry"/>'s <c>/admin/telemetry</c>.</param>
    /// <param name="meterFactory">Records <c>schema_drift_total</c> and <c>schema_drift_last_detected_timestamp</c>; none when null.</param>
    /// <param name="logger">Logger; none when null.</param>
    /// <param name="timeProvider">Clock of <c>generated_at</c>/<c>detected_at</c>. Default: system.</param>
    public DriftReporter(
        ISchemaRegistryClient registry,
        IDriftEventPublisher? publisher = null,
        IMeterFactory? meterFactory = null,
        ILogger<DriftReporter>? logger = null,
        TimeProvider? timeProvider = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _publisher = publisher ?? new RegistryDriftEventPublisher(registry);
        _metrics = meterFactory is null ? null : new DriftMetrics(meterFactory);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Compares every <c>&lt;name&gt;.json</c> in <paramref name="schemaDirectory"/> with the registry.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException">Its <c>_metadata.json</c> is malformed.</exception>
    /// <exception cref="ArgumentException">No track was given (nor found in <c>_metadata.json</c>), or the registry's
    /// index has no such track.</exception>
    public async Task<DriftReport> CompareAsync(
        string schemaDirectory,
        DriftReporterOptions options,
        IProgress<DriftProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schemaDirectory);
        ArgumentNullException.ThrowIfNull(options);

        var local = LocalSchemaDirectory.Load(schemaDirectory, options.CanonicalForm, options.ExcludedFiles);
        var track = options.Track ?? local.Metadata?.Track
            ?? throw new ArgumentException("No track given and the schema directory has no _metadata.json naming one.", nameof(options));
        foreach (var unreadable in local.Schemas.Where(s => s.Error is not null))
        {
            DriftLog.LocalSchemaUnreadable(_logger, unreadable.Name, unreadable.Error!);
        }

        var run = new DriftRun(_registry, _logger, _time, options, track, local, progress);
        var report = await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        await RecordDriftAsync(report, options, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task RecordDriftAsync(DriftReport report, DriftReporterOptions options, CancellationToken cancellationToken)
    {
        foreach (var entry in report.Schemas.Where(s => report.IsDrift(s.Status)))
        {
            DriftLog.DriftDetected(_logger, entry.Schema, report.Track, entry.Status, entry.Classification?.ToString().ToLowerInvariant() ?? "unclassified");
            _metrics?.DriftDetected(options.Repository, report.Track, entry.Schema, report.GeneratedAt);
            if (options.PublishEvents && _publisher is not null)
            {
                await PublishAsync(ToEvent(entry, report, options), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PublishAsync(SchemaDriftEvent driftEvent, CancellationToken cancellationToken)
    {
        try
        {
            await _publisher!.PublishAsync(driftEvent, cancellationToken).ConfigureAwait(false);
            _metrics?.EventPublished();
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Fail-open: telemetry about drift must never break the drift run that found it.
            _metrics?.EventFailed();
            DriftLog.EventPublishFailed(_logger, driftEvent.Schema, ex is RegistryException r ? r.Kind.ToString() : ex.GetType().Name, ex);
        }
    }

    private static SchemaDriftEvent ToEvent(SchemaDriftResult entry, DriftReport report, DriftReporterOptions options) => new()
    {
        Repo = options.Repository,
        Schema = entry.Schema,
        Track = report.Track,
        LocalSha256 = entry.LocalSha,
        LocalVersion = entry.LocalVersion,
        RegistrySha256 = entry.RegistrySha,
        RegistryVersion = entry.RegistryVersion,
        DriftType = entry.Status,
        Classification = entry.Classification,
        DetectedAt = report.GeneratedAt,
    };
}
