using CoreRegistryClient.Caching;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the schema registry health check.</summary>
public static class SchemaRegistryHealthChecksBuilderExtensions
{
    /// <summary>Adds a check that describes the registry and the schemas in use: <see cref="HealthStatus.Healthy"/>
    /// while the registry answers and every schema in use came from it, <see cref="HealthStatus.Degraded"/> while the
    /// registry does not answer or stale or snapshot validators serve (a 404 for an unknown name is not an outage), and
    /// <paramref name="failureStatus"/> (default <see cref="HealthStatus.Unhealthy"/>) when enforcement needs a
    /// schema that is not loaded. Needs <c>AddSchemaEnforcement</c>.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name. Default: <c>schema-registry</c>.</param>
    /// <param name="failureStatus">The status reported when no usable schema exists. Default: unhealthy.</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>ready</c>).</param>
    public static IHealthChecksBuilder AddSchemaRegistry(this IHealthChecksBuilder builder, string name = "schema-registry",
        HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(name,
            services => new SchemaRegistryHealthCheck(services.GetRequiredService<SchemaCache>(), services.GetRequiredService<EnforcementPolicy>()),
            failureStatus, tags));
    }
}
