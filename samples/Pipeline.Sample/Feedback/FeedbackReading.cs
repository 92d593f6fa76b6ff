using System.Text.Json;
using CoreRegistryClient.Redis;
using CoreRegistryClient.Samples.Backpressure;

namespace CoreRegistryClient.Samples.Pipeline.Feedback;

/// <summary>What the pipeline reads from a <c>telemetry.FeedbackEvent</c>: the fields it acts on.</summary>
/// <param name="CoordinatorId">The store write coordinator that reported.</param>
/// <param name="QueueSize">Its write queue depth.</param>
/// <param name="Capacity">Its queue capacity.</param>
/// <param name="Level">Its backpressure level.</param>
/// <param name="Source">What kind of component reported (default <c>store</c>).</param>
/// <param name="Provider">The data provider whose ingest the feedback throttles: the payload's <c>provider</c>
/// (schema v2), else the envelope header <c>provider</c>, else the coordinator id.</param>
/// <param name="Ts">When the coordinator reported (unix seconds: the payload's <c>ts</c>, else the envelope's); orders
/// readings that arrive out of order (redeliveries, several replicas).</param>
internal sealed record FeedbackReading(string CoordinatorId, long QueueSize, long Capacity, BackpressureLevel Level, string Source, string Provider, double Ts)
{
    /// <summary>Reads the event from a payload. In warn mode invalid payloads are processed too, so this
    /// never throws: it returns null when the fields it needs are missing or unusable.</summary>
    public static FeedbackReading? TryRead(JsonElement payload, IReadOnlyDictionary<string, string>? headers, double envelopeTs = 0)
    {
        if (payload.ValueKind != JsonValueKind.Object
            || Text(payload, "coordinator_id") is not { Length: > 0 } coordinator
            || Number(payload, "queue_size") is not { } queueSize || queueSize < 0
            || !BackpressureLevels.TryParse(Text(payload, "level"), out var level))
        {
            return null;
        }

        var provider = Text(payload, "provider") ?? headers?.GetValueOrDefault("provider") ?? coordinator;
        var ts = payload.TryGetProperty("ts", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetDouble(out var seconds) ? seconds : envelopeTs;
        return new FeedbackReading(coordinator, queueSize, Number(payload, "capacity") ?? 0, level, Text(payload, "source") ?? FeedbackLabels.DefaultSource, provider, ts);
    }

    /// <summary>Reads the event from an envelope.</summary>
    public static FeedbackReading? TryRead(MessageEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return TryRead(envelope.Payload, envelope.Meta.Headers, envelope.Ts);
    }

    private static string? Text(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
