using System.Text.Json;
using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient;

/// <summary>Validates payloads against registry schemas under the configured enforcement policy. The one
/// service a message-processing service calls, on every message.</summary>
/// <remarks>
/// <para>The synchronous <c>Validate</c> overloads are the hot path: on a cached schema they do no I/O and, for
/// a valid payload, allocate nothing. The first call for a schema that is not cached waits while it is loaded
/// (all concurrent callers share one load, which runs on its own thread and never needs the caller's thread
/// pool), for at most the configured <c>Timeout</c>, the one budget of the load; if the load fails, the
/// <c>OnUnavailable</c> policy applies and later calls do not wait while it is retried in the background. Use
/// <see cref="PreloadAsync"/> (or <c>CriticalSchemas</c>) or the <c>ValidateAsync</c> overloads to keep that first
/// wait off a synchronous thread. A <c>.schema</c> suffix on a name is the same schema.</para>
/// <para>In <see cref="EnforcementMode.Strict"/> mode an invalid payload throws
/// <see cref="SchemaValidationException"/>; in <see cref="EnforcementMode.Warn"/> mode it is logged, counted and
/// returned as an invalid outcome; in <see cref="EnforcementMode.Off"/> mode nothing is done.</para>
/// </remarks>
public interface ISchemaManager
{
    /// <summary>Validates UTF-8 JSON.</summary>
    /// <param name="schemaName">The schema name, e.g. <c>telemetry.FeedbackEvent</c> (a <c>.schema</c> suffix is accepted).</param>
    /// <param name="payload">The payload bytes.</param>
    /// <param name="key">The message key, which decides canary membership deterministically; null is never a canary.</param>
    /// <exception cref="SchemaValidationException">Strict mode and the payload is invalid (or its schema unavailable under <c>OnUnavailable=Reject</c>).</exception>
    SchemaValidationOutcome Validate(string schemaName, ReadOnlySpan<byte> payload, string? key = null);

    /// <summary>Validates a parsed payload.</summary>
    /// <inheritdoc cref="Validate(string, ReadOnlySpan{byte}, string?)"/>
    SchemaValidationOutcome Validate(string schemaName, JsonElement payload, string? key = null);

    /// <summary>Validates JSON text.</summary>
    /// <inheritdoc cref="Validate(string, ReadOnlySpan{byte}, string?)"/>
    SchemaValidationOutcome Validate(string schemaName, string payload, string? key = null);

    /// <summary>Validates UTF-8 JSON, awaiting (not blocking on) a first fetch of the schema.</summary>
    /// <inheritdoc cref="Validate(string, ReadOnlySpan{byte}, string?)"/>
    ValueTask<SchemaValidationOutcome> ValidateAsync(string schemaName, ReadOnlyMemory<byte> payload, string? key = null, CancellationToken cancellationToken = default);

    /// <summary>Validates a parsed payload, awaiting (not blocking on) a first fetch of the schema.</summary>
    /// <inheritdoc cref="Validate(string, ReadOnlySpan{byte}, string?)"/>
    ValueTask<SchemaValidationOutcome> ValidateAsync(string schemaName, JsonElement payload, string? key = null, CancellationToken cancellationToken = default);

    /// <summary>Validates JSON text, awaiting (not blocking on) a first fetch of the schema.</summary>
    /// <inheritdoc cref="Validate(string, ReadOnlySpan{byte}, string?)"/>
    ValueTask<SchemaValidationOutcome> ValidateAsync(string schemaName, string payload, string? key = null, CancellationToken cancellationToken = default);

    /// <summary>Validates UTF-8 JSON under a mode the caller chose (an HTTP endpoint's, for instance) instead of the
    /// configured mode, overrides and canary, and returns the outcome without throwing: the caller enforces it.</summary>
    /// <remarks>Counted, timed and logged exactly as <see cref="ValidateAsync(string, ReadOnlyMemory{byte}, string?, CancellationToken)"/>
    /// would under that mode (a Strict failure counts as rejected, since the caller rejects it). Awaits, never
    /// blocks on, a first fetch. With enforcement disabled or <paramref name="mode"/> Off, nothing is validated
    /// (<see cref="SchemaValidationStatus.Skipped"/>). <c>OnUnavailable</c> applies as for every other call.</remarks>
    /// <param name="schemaName">The schema name.</param>
    /// <param name="payload">The payload bytes; read only until the returned task completes (a pooled buffer may be returned then).</param>
    /// <param name="mode">The mode to apply.</param>
    /// <param name="cancellationToken">Stops waiting for a first fetch.</param>
    ValueTask<SchemaValidationOutcome> EvaluateAsync(string schemaName, ReadOnlyMemory<byte> payload, EnforcementMode mode, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not implement {nameof(EvaluateAsync)}.");

    /// <summary>Fetches and compiles the schemas now, so their first messages find them cached. Registry
    /// failures are logged and counted, not thrown (a schema left unloaded is retried on use).</summary>
    /// <returns>True when every schema now has a usable validator (from the registry or the disk snapshot);
    /// false otherwise, including when enforcement is disabled.</returns>
    Task<bool> PreloadAsync(IEnumerable<string> schemaNames, CancellationToken cancellationToken = default);

    /// <summary>A snapshot of counters, cache state and the schema versions in use.</summary>
    SchemaManagerStats GetStats();
}
