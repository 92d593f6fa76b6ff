namespace CoreRegistryClient.Registry;

/// <summary>The schema registry service's HTTP API.</summary>
/// <remarks>Every method throws <see cref="SchemaNotFoundException"/> for a 404,
/// <see cref="RegistryUnavailableException"/> when the registry cannot be reached (network, timeout, 5xx after
/// retries, open circuit), and <see cref="RegistryException"/> for anything else (unauthorized, invalid response).
/// Names may be given with or without a <c>.schema</c> suffix.</remarks>
public interface ISchemaRegistryClient
{
    /// <summary><c>GET /health</c>.</summary>
    Task<RegistryHealth> GetHealthAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /index</c>: every schema of every track with its sha256 and latest version.</summary>
    Task<SchemaIndex> GetIndexAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /schemas/{track}/{name}[?version=]</c>.</summary>
    Task<RegistrySchema> GetSchemaAsync(string track, string name, string? version = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET /schemas/by-id/{schemaId}</c>.</summary>
    Task<RegistrySchema> GetSchemaByIdAsync(string schemaId, CancellationToken cancellationToken = default);

    /// <summary><c>GET /schemas/{track}/{name}/versions</c>.</summary>
    Task<IReadOnlyList<SchemaVersionInfo>> GetVersionsAsync(string track, string name, CancellationToken cancellationToken = default);

    /// <summary><c>GET /compat/check</c>.</summary>
    Task<CompatibilityResult> CheckCompatibilityAsync(CompatibilityQuery query, CancellationToken cancellationToken = default);

    /// <summary><c>POST /admin/schemas</c> (needs the token).</summary>
    Task PublishSchemaAsync(PublishSchemaRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>POST /admin/sync</c> (needs the token).</summary>
    Task SyncAsync(SyncRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>POST /admin/telemetry</c> (needs the token).</summary>
    Task PostTelemetryAsync(TelemetryEvent telemetryEvent, CancellationToken cancellationToken = default);
}
