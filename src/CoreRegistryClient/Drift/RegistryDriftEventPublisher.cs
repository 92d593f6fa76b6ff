using System.Text.Json;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Drift;

/// <summary>Posts drift events to the registry's <c>POST /admin/telemetry</c> as
/// <c>{"event_type":"telemetry.schema_drift","payload":{...}}</c> (the registry token is required).</summary>
/// <param name="registry">The registry client.</param>
internal sealed class RegistryDriftEventPublisher(ISchemaRegistryClient registry) : IDriftEventPublisher
{
    private readonly ISchemaRegistryClient _registry = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <inheritdoc />
    /// <exception cref="RegistryException">The registry refused or could not be reached (the reporter swallows it).</exception>
    public Task PublishAsync(SchemaDriftEvent driftEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(driftEvent);
        var payload = JsonSerializer.SerializeToElement(driftEvent, DriftJson.Options);
        return _registry.PostTelemetryAsync(new TelemetryEvent(SchemaDriftEvent.EventType, payload), cancellationToken);
    }
}
