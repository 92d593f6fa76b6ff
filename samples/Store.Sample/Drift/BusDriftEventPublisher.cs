using System.Text.Json;
using System.Text.Json.Serialization;
using CoreRegistryClient.Drift;
using CoreRegistryClient.Redis;
using CoreRegistryClient.Samples.Messaging;

namespace CoreRegistryClient.Samples.Store.Drift;

/// <summary>
/// Publishes <c>telemetry.schema_drift</c> events to the bus stream <c>{ns}:telemetry.schema_drift</c>, in the
/// platform envelope (<c>meta.schema_id</c> = <c>telemetry.schema_drift</c>, key <c>{repo}/{schema}</c>, the
/// compared track) with the event's fields as the payload: <c>repo, schema, track, local_sha256, local_version,
/// registry_sha256, registry_version, drift_type, classification, detected_at</c>.
/// </summary>
/// <remarks>The bus twin of the SDK's built-in drift event publisher (which posts to the registry's
/// <c>/admin/telemetry</c>). It may throw; <see cref="DriftReporter"/> is fail-open and counts the failure.</remarks>
internal sealed class BusDriftEventPublisher(IMessageBus bus, StoreSettings settings, TimeProvider time) : IDriftEventPublisher
{
    /// <summary>Compact, with the same snake_case values (<c>drift</c>, <c>version_mismatch</c>, <c>benign</c>) as the registry's telemetry endpoint gets.</summary>
    internal static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    private long _published;

    /// <summary>Events the bus accepted.</summary>
    public long Published => Interlocked.Read(ref _published);

    public async Task PublishAsync(SchemaDriftEvent driftEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(driftEvent);
        var payload = JsonSerializer.SerializeToUtf8Bytes(driftEvent, JsonOptions);
        var envelope = MessageEnvelope.Create(
            SchemaDriftEvent.EventType,
            payload,
            key: $"{driftEvent.Repo}/{driftEvent.Schema}",
            track: driftEvent.Track,
            headers: new Dictionary<string, string>(StringComparer.Ordinal) { ["event_type"] = SchemaDriftEvent.EventType, ["repo"] = driftEvent.Repo },
            timeProvider: time);
        await bus.PublishAsync(settings.DriftStream, envelope.ToUtf8Bytes(), cancellationToken);
        Interlocked.Increment(ref _published);
    }
}
