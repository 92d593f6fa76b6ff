using CoreRegistryClient.Caching;
using CoreRegistryClient.Enforcement;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Telemetry;

/// <summary>The one place an outcome is recorded: each method bumps the <see cref="ValidationCounters"/> behind
/// <c>GetStats()</c>, the instruments of <see cref="SchemaMetrics"/> and, where the outcome deserves one, a log record,
/// so no call site can record one and forget another.</summary>
/// <remarks>Per-message log records (invalid payloads, unknown names, validator failures) pass a
/// <see cref="LogFloodGate"/> per event: a flood is counted in <c>schema_log_records_suppressed_total</c> and summarised
/// by event 1023 instead of writing a record per message. Hot-path methods take prebuilt tags and allocate nothing.</remarks>
internal sealed class SchemaTelemetry
{
    private const string KeptLastGood = "the last good validator keeps serving";
    private const string NothingToServe = "no validator is loaded for it";

    private readonly SchemaMetrics _metrics;
    private readonly ValidationCounters _counters;
    private readonly TimeProvider _time;
    private readonly CacheClock _clock;
    private readonly ILogger _logger;
    private readonly LogFloodGate _warnFailures = new();
    private readonly LogFloodGate _rejections = new();
    private readonly LogFloodGate _unknownNames = new();
    private readonly LogFloodGate _unavailable = new();
    private readonly LogFloodGate _validatorFailures = new();
    private readonly LogFloodGate _notFoundLoads = new();

    public SchemaTelemetry(SchemaMetrics metrics, ValidationCounters counters, TimeProvider time, CacheClock clock, ILogger<SchemaTelemetry> logger)
    {
        _metrics = metrics;
        _counters = counters;
        _time = time;
        _clock = clock;
        _logger = logger;
    }

    public SchemaMetrics Metrics => _metrics;

    public ValidationCounters Counters => _counters;

    /// <summary>A precise start for <c>schema_validation_duration_seconds</c>, taken only while someone listens to it
    /// (0 otherwise): reading the precise clock costs tens of nanoseconds on some machines.</summary>
    public long DurationStart() => _metrics.MeasuresDuration ? _time.GetTimestamp() : 0;

    public void CacheHit(in KeyValuePair<string, object?> schema)
    {
        _counters.CacheHits.Increment();
        _metrics.CacheHit(schema);
    }

    public void CacheMiss(in KeyValuePair<string, object?> schema)
    {
        _counters.CacheMisses.Increment();
        _metrics.CacheMiss(schema);
    }

    public void Validated(in KeyValuePair<string, object?> schema, long start)
    {
        _counters.Successes.Increment();
        _metrics.Succeeded(schema, start, _time);
    }

    /// <summary>A payload that does not match its schema: counted, logged (rate-limited) and, in strict mode, rejected by the caller.</summary>
    public void Invalid(string schemaName, CompiledSchema schema, EnforcementMode mode, long start, IReadOnlyList<SchemaValidationError> errors)
    {
        _counters.Failures.Increment();
        _metrics.Failed(schema.SchemaTag, mode, start, _time);
        _metrics.Enforced(schema.SchemaTag, mode);
        var first = errors.Count > 0 ? errors[0] : null;
        if (mode == EnforcementMode.Strict)
        {
            _counters.Rejections.Increment();
            if (Pass(_rejections, "ValidationRejected", 1001))
            {
                _logger.ValidationRejected(schemaName, schema.Track, schema.Version, errors.Count, first?.Keyword, first?.InstanceLocation, first?.KeywordLocation);
            }

            return;
        }

        _counters.Warnings.Increment();
        if (Pass(_warnFailures, "ValidationFailedInWarnMode", 1000))
        {
            _logger.ValidationFailedInWarnMode(schemaName, schema.Track, schema.Version, errors.Count, first?.Keyword, first?.InstanceLocation, first?.KeywordLocation);
        }
    }

    /// <summary>The registry said the schema does not exist: an invalid payload whatever <c>OnUnavailable</c> says.</summary>
    public void NotFound(string schemaName, in KeyValuePair<string, object?> schema, EnforcementMode mode, string requestedTrack)
    {
        _metrics.Errored(schema);
        _metrics.Enforced(schema, mode);
        _counters.Failures.Increment();
        if (mode == EnforcementMode.Strict) _counters.Rejections.Increment();
        else _counters.Warnings.Increment();
        if (Pass(_unknownNames, "SchemaDoesNotExist", 1019)) _logger.SchemaDoesNotExist(schemaName, requestedTrack, mode);
    }

    /// <summary>The schema is unavailable (registry unreachable, never loaded): let through or treated as invalid.</summary>
    public void Unavailable(in KeyValuePair<string, object?> schema, EnforcementMode mode, UnavailableSchemaBehavior behavior)
    {
        _metrics.Errored(schema);
        if (behavior == UnavailableSchemaBehavior.Allow)
        {
            _counters.FailOpens.Increment();
            return;
        }

        _counters.Unavailable.Increment();
        _metrics.Enforced(schema, mode);
        if (mode == EnforcementMode.Strict) _counters.Rejections.Increment();
        else _counters.Warnings.Increment();
    }

    public void ValidatorThrew(string schemaName, Exception exception)
    {
        if (Pass(_validatorFailures, "ValidatorThrew", 1017)) _logger.ValidatorThrew(schemaName, exception);
    }

    /// <summary>A validation ran out of its regular-expression time budget.</summary>
    public void RegexTimedOut(in KeyValuePair<string, object?> schema) => _metrics.RegexTimedOut(schema);

    /// <summary>A registry copy was compiled and is now in use (first load or a swap).</summary>
    public void SchemaLoaded(CompiledSchema compiled, CompiledSchema? previous)
    {
        if (previous is null || previous.FromSnapshot && previous.Sha256 == compiled.Sha256 && previous.Track == compiled.Track)
        {
            _logger.SchemaFetched(compiled.Name, compiled.Track, compiled.RequestedTrack, compiled.Version, compiled.Sha256);
            return;
        }

        _logger.SchemaSwapped(compiled.Name, previous.Track, previous.Version, previous.Sha256, compiled.Track, compiled.Version, compiled.Sha256);
    }

    public void SnapshotLoaded(CompiledSchema restored) => _logger.SnapshotLoaded(restored.Name, restored.Track, restored.Version);

    /// <summary>A load failed: counted by <c>error_type</c> and logged with the event that names the cause.</summary>
    public void LoadFailed(SchemaCacheEntry entry, SchemaLoadError error, Exception exception, CompiledSchema? kept, TimeSpan budget)
    {
        _counters.RegistryErrors.Increment();
        var errorType = RegistryErrorTypes.For(error);
        _metrics.RegistryError(entry.SchemaTag, errorType);
        var consequence = kept is not null ? KeptLastGood : NothingToServe;
        switch (exception)
        {
            case SchemaHashMismatchException mismatch:
                _logger.SchemaHashMismatch(entry.Name, mismatch.Track, mismatch.Version, mismatch.Sha256);
                break;
            case SchemaCompilationException:
                _logger.SchemaCompileFailed(entry.Name, kept?.Track ?? "?", kept?.Version ?? "?", exception);
                break;
            case SchemaLoadTimeoutException:
                _logger.SchemaLoadTimedOut(entry.Name, budget.TotalSeconds, consequence);
                break;
            default:
                if (error == SchemaLoadError.NotFound)
                {
                    if (Pass(_notFoundLoads, "RegistryFetchFailed", 1004)) _logger.RegistryFetchFailed(entry.Name, errorType, consequence, exception);
                }
                else
                {
                    _logger.RegistryFetchFailed(entry.Name, errorType, consequence, exception);
                }

                break;
        }
    }

    public void UnavailableDecision(string schemaName, UnavailableSchemaBehavior behavior, TimeSpan retryInterval)
    {
        if (Pass(_unavailable, "UnavailableSchemaDecision", 1005))
        {
            _logger.UnavailableSchemaDecision(schemaName, behavior == UnavailableSchemaBehavior.Allow ? "allowed" : "rejected", behavior, retryInterval);
        }
    }

    public void IndexPollFailed(SchemaLoadError error, Exception exception)
    {
        var errorType = RegistryErrorTypes.For(error);
        _counters.RegistryErrors.Increment();
        _metrics.RegistryError(IndexTag, errorType);
        _logger.IndexPollFailed(errorType, exception);
    }

    public void Evicted(string schemaName, int limit) => _logger.SchemaEvicted(schemaName, limit);

    /// <summary>The <c>schema</c> label of index poll errors, which concern no one schema.</summary>
    internal static readonly KeyValuePair<string, object?> IndexTag = new("schema", "_index");

    private bool Pass(LogFloodGate gate, string eventName, int eventId)
    {
        if (gate.TryPass(_clock.NowMilliseconds, out var suppressedBefore))
        {
            if (suppressedBefore > 0) _logger.LogRecordsSuppressed(suppressedBefore, eventId, LogFloodGate.WindowMilliseconds / 1000.0);
            return true;
        }

        _metrics.LogRecordsSuppressed(eventName);
        return false;
    }
}
