using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoreRegistryClient.Registry;

/// <summary><c>POST /admin/telemetry</c> body.</summary>
/// <param name="EventType">e.g. <c>telemetry.schema_drift</c>.</param>
/// <param name="Payload">The event payload.</param>
public sealed record TelemetryEvent(
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("payload")] JsonElement Payload);
