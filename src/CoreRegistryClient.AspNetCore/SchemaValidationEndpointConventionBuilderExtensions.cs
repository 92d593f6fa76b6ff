using CoreRegistryClient.AspNetCore;
using CoreRegistryClient.AspNetCore.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Declares that endpoints validate their request body against a registry schema.</summary>
public static class SchemaValidationEndpointConventionBuilderExtensions
{
    /// <summary>Validates the request body of these endpoints (one endpoint, or every endpoint of a route group)
    /// against <paramref name="schemaName"/> before parameter binding, in the endpoint's mode (off / warn /
    /// enforce, from configuration). Needs <c>services.AddHttpValidation()</c>.</summary>
    /// <param name="builder">An endpoint (<c>MapPost(...)</c>) or a route group (<c>MapGroup(...)</c>).</param>
    /// <param name="schemaName">The registry schema name, e.g. <c>portfolio.AllocationRequest</c>. An endpoint's
    /// own declaration overrides its group's.</param>
    /// <returns>The builder, to chain calls.</returns>
    public static TBuilder ValidateSchema<TBuilder>(this TBuilder builder, string schemaName)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var metadata = new ValidateSchemaAttribute(schemaName);
        builder.Add(endpoint =>
        {
            endpoint.Metadata.Add(metadata);
            // Parameter binding happens inside the endpoint's RequestDelegate, before any endpoint filter runs, so
            // validation wraps the delegate itself. A group's and an endpoint's declaration share one wrapper: the
            // validator reads the last metadata at run time.
            if (endpoint.Metadata.Contains(ValidationPipelineMarker.Instance)) return;
            var next = endpoint.RequestDelegate
                ?? throw new InvalidOperationException($"Endpoint '{endpoint.DisplayName}' has no request delegate to validate for.");
            var validator = endpoint.ApplicationServices.GetService<RequestSchemaValidator>() ?? throw HttpValidationServices.NotRegistered();
            endpoint.Metadata.Add(ValidationPipelineMarker.Instance);
            endpoint.RequestDelegate = validator.Wrap(next);
        });
        return builder;
    }
}
