using System.Text.Json;
using CoreRegistryClient.Caching;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.JsonSchema;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient;

/// <summary>The <see cref="ISchemaManager"/>: policy → cache → engine → meters → enforcement.</summary>
internal sealed class SchemaManager(
    EnforcementPolicy policy,
    SchemaCache cache,
    SchemaMetrics metrics,
    ValidationCounters counters,
    TimeProvider time,
    CacheClock clock,
    ILogger<SchemaManager> logger) : ISchemaManager
{
    private static readonly IReadOnlyList<ValidationError> UnavailableErrors =
        [new ValidationError("", "", "", "schema", "The schema is unavailable and OnUnavailable=Reject treats the payload as invalid.")];

    public SchemaValidationOutcome Validate(string schemaName, ReadOnlySpan<byte> payload, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        var current = policy.Current;
        var mode = current.ModeFor(schemaName, key);
        if (mode == EnforcementMode.Off) return Skipped(schemaName);
        var start = DurationStart();
        return Evaluate(schemaName, cache.Get(schemaName, clock.NowMilliseconds), mode, start, current, new Utf8Payload(payload));
    }

    public SchemaValidationOutcome Validate(string schemaName, JsonElement payload, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        var current = policy.Current;
        var mode = current.ModeFor(schemaName, key);
        if (mode == EnforcementMode.Off) return Skipped(schemaName);
        var start = DurationStart();
        return Evaluate(schemaName, cache.Get(schemaName, clock.NowMilliseconds), mode, start, current, new ElementPayload(payload));
    }

    public SchemaValidationOutcome Validate(string schemaName, string payload, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        ArgumentNullException.ThrowIfNull(payload);
        var current = policy.Current;
        var mode = current.ModeFor(schemaName, key);
        if (mode == EnforcementMode.Off) return Skipped(schemaName);
        var start = DurationStart();
        return Evaluate(schemaName, cache.Get(schemaName, clock.NowMilliseconds), mode, start, current, new TextPayload(payload));
    }

    public ValueTask<SchemaValidationOutcome> ValidateAsync(string schemaName, ReadOnlyMemory<byte> payload, string? key = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        var current = policy.Current;
        var mode = current.ModeFor(schemaName, key);
        if (mode == EnforcementMode.Off) return new(Skipped(schemaName));
        var start = DurationStart();
        var lookup = cache.GetAsync(schemaName, clock.NowMilliseconds, cancellationToken);
        return lookup.IsCompletedSuccessfully
            ? new(Evaluate(schemaName, lookup.Result, mode, start, current, new Utf8Payload(payload.Span)))
            : Awaited(lookup, schemaName, mode, start, current, payload);

        async ValueTask<SchemaValidationOutcome> Awaited(ValueTask<CompiledSchema?> pending, string name, EnforcementMode m, long s, PolicySnapshot p, ReadOnlyMemory<byte> bytes) =>
            Evaluate(name, await pending.ConfigureAwait(false), m, s, p, new Utf8Payload(bytes.Span));
    }

    public ValueTask<SchemaValidationOutcome> ValidateAsync(string schemaName, JsonElement payload, string? key = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        return ValidateAsync(schemaName, new ElementPayload(payload), key, cancellationToken);
    }

    public ValueTask<SchemaValidationOutcome> ValidateAsync(string schemaName, string payload, string? key = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        ArgumentNullException.ThrowIfNull(payload);
        return ValidateAsync(schemaName, new TextPayload(payload), key, cancellationToken);
    }

    public Task<bool> PreloadAsync(IEnumerable<string> schemaNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemaNames);
        return policy.Current.Enabled ? cache.PreloadAsync(schemaNames, cancellationToken) : Task.FromResult(false);
    }

    public SchemaManagerStats GetStats() => new()
    {
        Successes = counters.Successes.Value,
        Failures = counters.Failures.Value,
        Warnings = counters.Warnings.Value,
        Rejections = counters.Rejections.Value,
        FailOpens = counters.FailOpens.Value,
        Unavailable = counters.Unavailable.Value,
        CacheHits = counters.CacheHits.Value,
        CacheMisses = counters.CacheMisses.Value,
        CacheSize = cache.Count,
        RegistryErrors = counters.RegistryErrors.Value,
        LastRefresh = cache.LastRefresh,
        Schemas = [.. cache.Entries.Select(Describe).OrderBy(s => s.Name, StringComparer.Ordinal)],
    };

    private CachedSchemaStats Describe(SchemaCacheEntry entry)
    {
        var schema = entry.Current;
        return new CachedSchemaStats(entry.Name, schema?.RequestedTrack ?? policy.Current.TrackPolicy.Requested, schema?.Track, schema?.Version,
            schema?.Sha256, schema?.LoadedAt, schema is not null && entry.IsExpired(clock.NowMilliseconds), schema?.FromSnapshot ?? false, entry.LastError);
    }

    private async ValueTask<SchemaValidationOutcome> ValidateAsync<TPayload>(string schemaName, TPayload payload, string? key, CancellationToken cancellationToken)
        where TPayload : struct, IPayload
    {
        var current = policy.Current;
        var mode = current.ModeFor(schemaName, key);
        if (mode == EnforcementMode.Off) return Skipped(schemaName);
        var start = DurationStart();
        var schema = await cache.GetAsync(schemaName, clock.NowMilliseconds, cancellationToken).ConfigureAwait(false);
        return Evaluate(schemaName, schema, mode, start, current, payload);
    }

    /// <summary>A precise timestamp for <c>schema_validation_duration_seconds</c>, taken only while someone
    /// listens to it (0 otherwise): reading the precise clock costs tens of nanoseconds on some machines.</summary>
    private long DurationStart() => metrics.MeasuresDuration ? time.GetTimestamp() : 0;

    private static SchemaValidationOutcome Skipped(string schemaName) =>
        new(schemaName, null, null, EnforcementMode.Off, SchemaValidationStatus.Skipped);

    private SchemaValidationOutcome Evaluate<TPayload>(string schemaName, CompiledSchema? schema, EnforcementMode mode, long start, PolicySnapshot current, TPayload payload)
        where TPayload : IPayload, allows ref struct
    {
        if (schema is null)
        {
            return cache.TryGetEntry(schemaName, out var entry) && entry.LastError == RegistryErrorTypes.NotFound
                ? NotFound(schemaName, mode, current)
                : Unavailable(schemaName, mode, current);
        }

        ValidationResult? failure;
        try
        {
            // One call: flag speed and no allocation when valid; the errors (one parse, one regex budget) when not.
            failure = payload.Validate(schema.Validator);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // An engine bug must not take a message pipeline down: the schema is as good as unavailable for this payload.
            logger.ValidatorThrew(schemaName, exception);
            return Unavailable(schemaName, mode, current);
        }

        if (failure is null || failure.IsValid)
        {
            counters.Successes.Increment();
            metrics.Succeeded(schema.SchemaTag, start, time);
            return new SchemaValidationOutcome(schemaName, schema, null, mode, SchemaValidationStatus.Valid);
        }

        return Failed(schemaName, schema, mode, start, failure);
    }

    private SchemaValidationOutcome Failed(string schemaName, CompiledSchema schema, EnforcementMode mode, long start, ValidationResult failure)
    {
        var errors = failure.InputError == InputErrorKind.None ? failure.Errors : [InputErrorOf(failure)];
        var outcome = new SchemaValidationOutcome(schemaName, schema, null, mode, SchemaValidationStatus.Invalid, errors);
        counters.Failures.Increment();
        metrics.Failed(schema.SchemaTag, mode, start, time);
        metrics.Enforced(schema.SchemaTag, mode);
        var first = errors.Count > 0 ? errors[0] : null;
        if (mode == EnforcementMode.Strict)
        {
            counters.Rejections.Increment();
            logger.ValidationRejected(schemaName, schema.Track, schema.Version, errors.Count, first?.Keyword, first?.InstanceLocation, first?.KeywordLocation);
            throw new SchemaValidationException(outcome);
        }

        counters.Warnings.Increment();
        logger.ValidationFailedInWarnMode(schemaName, schema.Track, schema.Version, errors.Count, first?.Keyword, first?.InstanceLocation, first?.KeywordLocation);
        return outcome;
    }

    /// <summary>A reachable registry said "no such schema": a caller's mistake, not an outage, so OnUnavailable
    /// does not apply and the payload is never let through as valid.</summary>
    private SchemaValidationOutcome NotFound(string schemaName, EnforcementMode mode, PolicySnapshot current)
    {
        var tag = SchemaMetrics.SchemaTag(schemaName);
        metrics.Errored(tag);
        metrics.Enforced(tag, mode);
        counters.Failures.Increment();
        var requested = current.TrackPolicy.Requested;
        IReadOnlyList<ValidationError> errors = [new ValidationError("", "", "", "schema", $"Schema '{schemaName}' does not exist in the registry.")];
        var outcome = new SchemaValidationOutcome(schemaName, null, requested, mode, SchemaValidationStatus.SchemaNotFound, errors);
        logger.SchemaDoesNotExist(schemaName, requested, mode);
        if (mode == EnforcementMode.Strict)
        {
            counters.Rejections.Increment();
            throw new SchemaValidationException(outcome);
        }

        counters.Warnings.Increment();
        return outcome;
    }

    private SchemaValidationOutcome Unavailable(string schemaName, EnforcementMode mode, PolicySnapshot current)
    {
        var tag = SchemaMetrics.SchemaTag(schemaName);
        metrics.Errored(tag);
        var requested = current.TrackPolicy.Requested;
        if (current.Options.OnUnavailable == UnavailableSchemaBehavior.Allow)
        {
            counters.FailOpens.Increment();
            return new SchemaValidationOutcome(schemaName, null, requested, mode, SchemaValidationStatus.FailedOpen);
        }

        counters.Unavailable.Increment();
        metrics.Enforced(tag, mode);
        var outcome = new SchemaValidationOutcome(schemaName, null, requested, mode, SchemaValidationStatus.Unavailable, UnavailableErrors);
        if (mode == EnforcementMode.Strict)
        {
            counters.Rejections.Increment();
            throw new SchemaValidationException(outcome);
        }

        counters.Warnings.Increment();
        return outcome;
    }

    /// <summary>A fixed description per kind: the engine's own message could quote the offending bytes.</summary>
    private static ValidationError InputErrorOf(ValidationResult failure)
    {
        var message = failure.InputError switch
        {
            InputErrorKind.MalformedJson => "The payload is not well-formed JSON",
            InputErrorKind.InvalidUtf8 => "The payload is not valid UTF-8",
            InputErrorKind.DepthExceeded => "The payload nests too deeply",
            _ => "The payload could not be read",
        };
        var position = failure.BytePosition >= 0 ? $" (at byte {failure.BytePosition})." : ".";
        return new ValidationError("", "", "", "input", message + position);
    }

    /// <summary>The three payload shapes behind one validation routine; generic over structs (and a ref
    /// struct for spans), so the JIT specialises each and nothing is boxed.</summary>
    private interface IPayload
    {
        ValidationResult Validate(JsonSchemaValidator validator);
    }

    private readonly ref struct Utf8Payload(ReadOnlySpan<byte> bytes) : IPayload
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public ValidationResult Validate(JsonSchemaValidator validator) => validator.Validate(_bytes, OutputFormat.ListIfInvalid);
    }

    private readonly struct ElementPayload(JsonElement element) : IPayload
    {
        public ValidationResult Validate(JsonSchemaValidator validator) => validator.Validate(element, OutputFormat.ListIfInvalid);
    }

    private readonly struct TextPayload(string text) : IPayload
    {
        public ValidationResult Validate(JsonSchemaValidator validator) => validator.Validate(text, OutputFormat.ListIfInvalid);
    }
}
