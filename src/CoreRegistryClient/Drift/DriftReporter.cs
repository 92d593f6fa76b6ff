using System.Diagnostics.Metrics;
using System.Text.Json;
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
    /// Default: <see cref="RegistryDriftEventPublisher"/> on <paramref name="registry"/>.</param>
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

        var run = new DriftRun(this, options, track, local, progress);
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

    /// <summary>The state of one <see cref="CompareAsync"/> call.</summary>
    private sealed class DriftRun(DriftReporter owner, DriftReporterOptions options, string track, LocalSchemaDirectory local, IProgress<DriftProgress>? progress)
    {
        private int _completed;

        public async Task<DriftReport> ExecuteAsync(CancellationToken cancellationToken)
        {
            var generatedAt = owner._time.GetUtcNow();
            SchemaIndex index;
            try
            {
                index = await owner._registry.GetIndexAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException ex)
            {
                DriftLog.RegistryUnavailable(owner._logger, track, ex.Kind, ex);
                return Report(generatedAt, local.Schemas.Select(Unknown).ToList(), available: false, error: ex.Message);
            }

            if (!index.Tracks.TryGetValue(track, out var trackIndex))
            {
                throw new ArgumentException($"The registry has no track '{track}' (it has: {string.Join(", ", index.Tracks.Keys.Order(StringComparer.Ordinal))}).");
            }

            var inRegistry = new Dictionary<string, SchemaIndexEntry>(StringComparer.Ordinal);
            foreach (var entry in trackIndex.Schemas)
            {
                inRegistry[DriftSchemaNames.Normalize(entry.Name)] = entry;
            }

            var results = new SchemaDriftResult[local.Schemas.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, results.Length),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrency), CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var schema = local.Schemas[i];
                    results[i] = await CompareAsync(schema, inRegistry.GetValueOrDefault(schema.Name), ct).ConfigureAwait(false);
                    progress?.Report(new DriftProgress(Interlocked.Increment(ref _completed), results.Length, schema.Name));
                }).ConfigureAwait(false);

            var localNames = local.Schemas.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            var missingLocally = inRegistry
                .Where(e => !localNames.Contains(e.Key))
                .Select(e => new SchemaDriftResult { Schema = e.Key, Status = DriftStatus.MissingLocally, RegistryVersion = e.Value.LatestCoreVersion });

            var all = results.Concat(missingLocally).OrderBy(r => r.Schema, StringComparer.Ordinal).ToList();
            return Report(generatedAt, all, available: true, error: null);
        }

        private DriftReport Report(DateTimeOffset generatedAt, List<SchemaDriftResult> schemas, bool available, string? error) => new()
        {
            Track = track,
            RegistryUrl = options.RegistryUrl ?? local.Metadata?.RegistryUrl,
            GeneratedAt = generatedAt,
            CanonicalForm = CanonicalJson.GetName(options.CanonicalForm),
            RegistryAvailable = available,
            RegistryError = error,
            MissingLocallyCountsAsDrift = options.MissingLocallyCountsAsDrift,
            Schemas = schemas,
        };

        private static SchemaDriftResult Unknown(LocalSchema schema) => new()
        {
            Schema = schema.Name,
            Status = DriftStatus.Unknown,
            LocalSha = schema.Sha,
            LocalVersion = schema.Version,
            Error = schema.Error,
        };

        private async Task<SchemaDriftResult> CompareAsync(LocalSchema schema, SchemaIndexEntry? entry, CancellationToken cancellationToken)
        {
            var result = new SchemaDriftResult
            {
                Schema = schema.Name,
                Status = DriftStatus.MissingInRegistry,
                LocalSha = schema.Sha,
                LocalVersion = schema.Version,
                Error = schema.Error,
            };
            if (entry is null)
            {
                return result;
            }

            result = result with { RegistryVersion = entry.LatestCoreVersion };
            if (schema.Content is null)
            {
                return result with { Status = DriftStatus.Drift };
            }

            if (string.Equals(entry.Sha256, schema.Sha, StringComparison.OrdinalIgnoreCase))
            {
                // The registry hashes with the same canonical form and the content matches: nothing to fetch.
                return WithVersionCheck(result with { RegistrySha = schema.Sha });
            }

            RegistrySchema remote;
            try
            {
                remote = await owner._registry.GetSchemaAsync(track, entry.Name, null, cancellationToken).ConfigureAwait(false);
            }
            catch (SchemaNotFoundException)
            {
                return result with { RegistryVersion = null };
            }
            catch (RegistryException ex)
            {
                DriftLog.SchemaFetchFailed(owner._logger, schema.Name, track, ex.Kind, ex);
                return result with { Status = DriftStatus.Unknown, Error = $"The registry could not serve the schema ({ex.Kind}): {ex.Message}" };
            }

            result = result with { RegistryVersion = remote.CoreVersion ?? entry.LatestCoreVersion };
            string registrySha;
            try
            {
                registrySha = SchemaHasher.ComputeSha256(remote.Content, options.CanonicalForm);
            }
            catch (CanonicalJsonException ex)
            {
                return result with { Status = DriftStatus.Unknown, Error = $"The registry's content cannot be hashed ({ex.Kind}): {ex.Message}" };
            }

            result = result with { RegistrySha = registrySha };
            if (string.Equals(registrySha, schema.Sha, StringComparison.Ordinal))
            {
                return WithVersionCheck(result);
            }

            return await ClassifyAsync(result with { Status = DriftStatus.Drift }, schema, remote, cancellationToken).ConfigureAwait(false);
        }

        private static SchemaDriftResult WithVersionCheck(SchemaDriftResult result) =>
            result.LocalVersion is not null && result.RegistryVersion is not null && !string.Equals(result.LocalVersion, result.RegistryVersion, StringComparison.Ordinal)
                ? result with { Status = DriftStatus.VersionMismatch }
                : result with { Status = DriftStatus.Synced };

        private async Task<SchemaDriftResult> ClassifyAsync(SchemaDriftResult result, LocalSchema schema, RegistrySchema remote, CancellationToken cancellationToken)
        {
            using var localDocument = JsonDocument.Parse(schema.Content, new JsonDocumentOptions { MaxDepth = CanonicalJsonWriter.MaxDepth });
            var changes = SchemaChangeClassifier.Diff(localDocument.RootElement, remote.Content);
            result = result with
            {
                Changes = changes,
                Classification = SchemaChangeClassifier.Classify(changes),
                DecidedBy = ClassificationSource.StructuralDiff,
            };

            if (!options.UseRegistryCompatibilityCheck || result.LocalVersion is not { } from || result.RegistryVersion is not { } to || from == to)
            {
                return result;
            }

            try
            {
                var answer = await owner._registry.CheckCompatibilityAsync(new CompatibilityQuery(remote.Name, track, from, track, to), cancellationToken).ConfigureAwait(false);
                return result with
                {
                    Classification = answer.Compatible ? ChangeClassification.Benign : ChangeClassification.Breaking,
                    DecidedBy = ClassificationSource.Registry,
                    RegistryBreakingReasons = answer.BreakingReasons ?? [],
                };
            }
            catch (RegistryException ex)
            {
                DriftLog.CompatibilityCheckUnavailable(owner._logger, schema.Name, from, to, ex.Kind);
                return result;
            }
        }
    }
}
