using System.Buffers;
using System.Text;
using System.Text.Json;
using CoreRegistryClient.Caching;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;

namespace CoreRegistryClient;

/// <summary>The <see cref="ISchemaManager"/>: name → policy → cache → engine → telemetry → enforcement.</summary>
/// <remarks>The caller's name is normalised once, here, to its canonical form (<see cref="SchemaNames.Trim"/>, a
/// span: no allocation), so <c>x</c> and <c>x.schema</c> share one policy override, one cache entry and one series.
/// Outcomes keep the name as the caller gave it.</remarks>
internal sealed class SchemaManager(
    EnforcementPolicy policy,
    SchemaCache cache,
    SchemaTelemetry telemetry,
    CacheClock clock) : ISchemaManager
{
    private static readonly IReadOnlyList<SchemaValidationError> UnavailableErrors =
        [new SchemaValidationError("", "", "schema", "The schema is unavailable and OnUnavailable=Reject treats the payload as invalid.")];

    public SchemaValidationOutcome Validate(string schemaName, ReadOnlySpan<byte> payload, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        var name = SchemaNames.Trim(schemaName);
        var current = policy.Current;
        var mode = current.ModeFor(name, key);
        if (mode == EnforcementMode.Off) return Skipped(schemaName);
        var start = telemetry.DurationStart();
        var schema = cache.Get(name, clock.NowMilliseconds, out var entry);
        return Evaluate(schemaName, schema, entry, mode, start, current, new Utf8Payload(payload));
    }

    public SchemaValidationOutcome Validate(string schemaName, JsonElement payload, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        var name = SchemaNames.Trim(schemaName);
        var current = policy.Current;
        var mode = current.ModeFor(name, key);
        if (mode == EnforcementMode.Off) return Skipped(schemaName);
        var start = telemetry.DurationStart();
        var schema = cache.Get(name, clock.NowMilliseconds, out var entry);
        return Evaluate(schemaName, schema, entry, mode, start, current, new ElementPayload(payload));
    }

    public SchemaValidationOutcome Validate(string schemaName, string payload, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        ArgumentNullException.ThrowIfNull(payload);
        var name = SchemaNames.Trim(schemaName);
        var current = policy.Current;
        var mode = current.ModeFor(name, key);
        if (mode == EnforcementMode.Off) return Skipped(schemaName);
        var start = telemetry.DurationStart();
        var schema = cache.Get(name, clock.NowMilliseconds, out var entry);
        return Evaluate(schemaName, schema, entry, mode, start, current, new TextPayload(payload));
    }

    public ValueTask<SchemaValidationOutcome> ValidateAsync(string schemaName, ReadOnlyMemory<byte> payload, string? key = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        var name = SchemaNames.Trim(schemaName);
        var current = policy.Current;
        var mode = current.ModeFor(name, key);
        if (mode == EnforcementMode.Off) return new(Skipped(schemaName));
        var start = telemetry.DurationStart();
        var lookup = cache.GetAsync(name, clock.NowMilliseconds, out var entry, cancellationToken);
        return lookup.IsCompletedSuccessfully
            ? new(Evaluate(schemaName, lookup.Result, entry, mode, start, current, new Utf8Payload(payload.Span)))
            : Awaited(lookup, schemaName, entry, mode, start, current, payload);

        async ValueTask<SchemaValidationOutcome> Awaited(ValueTask<CompiledSchema?> pending, string caller, SchemaCacheEntry? e, EnforcementMode m, long s, PolicySnapshot p,
            ReadOnlyMemory<byte> bytes) =>
            Evaluate(caller, await pending.ConfigureAwait(false), e, m, s, p, new Utf8Payload(bytes.Span));
    }

    public ValueTask<SchemaValidationOutcome> EvaluateAsync(string schemaName, ReadOnlyMemory<byte> payload, EnforcementMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        var name = SchemaNames.Trim(schemaName);
        var current = policy.Current;
        if (!current.Enabled || mode == EnforcementMode.Off) return new(Skipped(schemaName));
        var start = telemetry.DurationStart();
        var lookup = cache.GetAsync(name, clock.NowMilliseconds, out var entry, cancellationToken);
        return lookup.IsCompletedSuccessfully
            ? new(Evaluate(schemaName, lookup.Result, entry, mode, start, current, new Utf8Payload(payload.Span), throws: false))
            : Awaited(lookup, schemaName, entry, mode, start, current, payload);

        async ValueTask<SchemaValidationOutcome> Awaited(ValueTask<CompiledSchema?> pending, string caller, SchemaCacheEntry? e, EnforcementMode m, long s, PolicySnapshot p,
            ReadOnlyMemory<byte> bytes) =>
            Evaluate(caller, await pending.ConfigureAwait(false), e, m, s, p, new Utf8Payload(bytes.Span), throws: false);
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

    public SchemaManagerStats GetStats()
    {
        var counters = telemetry.Counters;
        return new()
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
    }

    private CachedSchemaStats Describe(SchemaCacheEntry entry)
    {
        var schema = entry.Current;
        return new CachedSchemaStats(entry.Name, schema?.RequestedTrack ?? policy.Current.TrackPolicy.Requested, schema?.Track, schema?.Version,
            schema?.Sha256, schema?.LoadedAt, schema is not null && entry.IsExpired(clock.NowMilliseconds), schema?.FromSnapshot ?? false,
            entry.LastError == SchemaLoadError.None ? null : RegistryErrorTypes.For(entry.LastError));
    }

    private async ValueTask<SchemaValidationOutcome> ValidateAsync<TPayload>(string schemaName, TPayload payload, string? key, CancellationToken cancellationToken)
        where TPayload : struct, IPayload
    {
        var current = policy.Current;
        var mode = current.ModeFor(SchemaNames.Trim(schemaName), key);
        if (mode == EnforcementMode.Off) return Skipped(schemaName);
        var start = telemetry.DurationStart();
        var lookup = cache.GetAsync(SchemaNames.Trim(schemaName), clock.NowMilliseconds, out var entry, cancellationToken);
        var schema = await lookup.ConfigureAwait(false);
        return Evaluate(schemaName, schema, entry, mode, start, current, payload);
    }

    private static SchemaValidationOutcome Skipped(string schemaName) =>
        new(schemaName, null, null, EnforcementMode.Off, SchemaValidationStatus.Skipped);

    // throws: whether a Strict rejection throws SchemaValidationException (false when the caller enforces, see EvaluateAsync).
    private SchemaValidationOutcome Evaluate<TPayload>(string schemaName, CompiledSchema? schema, SchemaCacheEntry? entry, EnforcementMode mode, long start,
        PolicySnapshot current, TPayload payload, bool throws = true)
        where TPayload : IPayload, allows ref struct
    {
        if (schema is null)
        {
            return entry is { LastError: SchemaLoadError.NotFound }
                ? NotFound(schemaName, entry, mode, current, throws)
                : Unavailable(schemaName, entry, mode, current, throws);
        }

        SchemaValidatorResult? failure;
        try
        {
            // One call into the backend: flag speed and no allocation when valid; the errors (one parse, one regex budget) when not.
            failure = payload.Validate(schema.Validator);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // An engine bug must not take a message pipeline down: the schema is as good as unavailable for this payload.
            telemetry.ValidatorThrew(schemaName, exception);
            return Unavailable(schemaName, entry, mode, current, throws, schema.SchemaTag);
        }

        if (failure is { RegexBudgetExceeded: true }) telemetry.RegexTimedOut(schema.SchemaTag);
        if (failure is null || failure.IsValid)
        {
            telemetry.Validated(schema.SchemaTag, start);
            return new SchemaValidationOutcome(schemaName, schema, null, mode, SchemaValidationStatus.Valid);
        }

        var errors = failure.ReadError == PayloadReadError.None ? failure.Errors : [InputErrorOf(failure)];
        var outcome = new SchemaValidationOutcome(schemaName, schema, null, mode, SchemaValidationStatus.Invalid, errors, failure.ReadError);
        telemetry.Invalid(schemaName, schema, mode, start, errors);
        return mode == EnforcementMode.Strict && throws ? throw new SchemaValidationException(outcome) : outcome;
    }

    /// <summary>A reachable registry said "no such schema": a caller's mistake, not an outage, so OnUnavailable
    /// does not apply and the payload is never let through as valid.</summary>
    private SchemaValidationOutcome NotFound(string schemaName, SchemaCacheEntry entry, EnforcementMode mode, PolicySnapshot current, bool throws)
    {
        var requested = current.TrackPolicy.Requested;
        telemetry.NotFound(schemaName, entry.SchemaTag, mode, requested);
        IReadOnlyList<SchemaValidationError> errors = [new SchemaValidationError("", "", "schema", $"Schema '{schemaName}' does not exist in the registry.")];
        var outcome = new SchemaValidationOutcome(schemaName, null, requested, mode, SchemaValidationStatus.SchemaNotFound, errors);
        return mode == EnforcementMode.Strict && throws ? throw new SchemaValidationException(outcome) : outcome;
    }

    private SchemaValidationOutcome Unavailable(string schemaName, SchemaCacheEntry? entry, EnforcementMode mode, PolicySnapshot current, bool throws,
        KeyValuePair<string, object?>? tag = null)
    {
        var behavior = current.Options.OnUnavailable;
        telemetry.Unavailable(tag ?? entry?.SchemaTag ?? Overflow, mode, behavior);
        var requested = current.TrackPolicy.Requested;
        if (behavior == UnavailableSchemaBehavior.Allow)
        {
            return new SchemaValidationOutcome(schemaName, null, requested, mode, SchemaValidationStatus.FailedOpen);
        }

        var outcome = new SchemaValidationOutcome(schemaName, null, requested, mode, SchemaValidationStatus.Unavailable, UnavailableErrors);
        return mode == EnforcementMode.Strict && throws ? throw new SchemaValidationException(outcome) : outcome;
    }

    private static readonly KeyValuePair<string, object?> Overflow = new("schema", SchemaMetrics.OverflowSchema);

    /// <summary>A fixed description per kind, whatever the backend: its own message could quote the offending bytes.</summary>
    private static SchemaValidationError InputErrorOf(SchemaValidatorResult failure)
    {
        var message = failure.ReadError switch
        {
            PayloadReadError.MalformedJson => "The payload is not well-formed JSON",
            PayloadReadError.InvalidUtf8 => "The payload is not valid UTF-8",
            PayloadReadError.TooDeep => "The payload nests too deeply",
            _ => "The payload could not be read",
        };
        var position = failure.BytePosition >= 0 ? $" (at byte {failure.BytePosition})." : ".";
        return new SchemaValidationError("", "", "input", message + position);
    }

    /// <summary>The three payload shapes behind one validation routine; generic over structs (and a ref
    /// struct for spans), so the JIT specialises each and nothing is boxed.</summary>
    private interface IPayload
    {
        SchemaValidatorResult Validate(ISchemaValidator validator);
    }

    private readonly ref struct Utf8Payload(ReadOnlySpan<byte> bytes) : IPayload
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public SchemaValidatorResult Validate(ISchemaValidator validator) => validator.Validate(_bytes, SchemaOutputFormat.ListIfInvalid);
    }

    private readonly struct ElementPayload(JsonElement element) : IPayload
    {
        public SchemaValidatorResult Validate(ISchemaValidator validator) => validator.Validate(element, SchemaOutputFormat.ListIfInvalid);
    }

    /// <summary>Text is transcoded into a pooled buffer: every backend sees UTF-8 bytes.</summary>
    private readonly struct TextPayload(string text) : IPayload
    {
        public SchemaValidatorResult Validate(ISchemaValidator validator)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
            try
            {
                var n = Encoding.UTF8.GetBytes(text, buffer);
                return validator.Validate(buffer.AsSpan(0, n), SchemaOutputFormat.ListIfInvalid);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
