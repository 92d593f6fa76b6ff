using System.Globalization;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Telemetry;

/// <summary>Feeds <c>schema_registry_request_duration_seconds{operation,status}</c> from every completed registry
/// call. <c>status</c> is the last HTTP status code, or the error kind when no response arrived (<c>timeout</c>,
/// <c>network</c>, <c>circuit_open</c>, <c>configuration</c>): bounded either way.</summary>
/// <remarks><c>schema_registry_errors_total{schema,error_type}</c> is counted by the cache and the index poller
/// instead, once per failed load rather than per HTTP call: they know the schema, and a 404 on the preferred track
/// during negotiation is not an error there.</remarks>
internal sealed class RegistryCallMetrics(SchemaMetrics metrics) : IRegistryCallObserver
{
    public void OnCompleted(string operation, int? statusCode, TimeSpan duration, RegistryErrorKind? error)
    {
        var status = statusCode is { } code ? code.ToString(CultureInfo.InvariantCulture)
            : error is { } kind ? RegistryErrorTypes.For(kind)
            : "none";
        metrics.RegistryRequest(operation, status, duration);
    }
}
