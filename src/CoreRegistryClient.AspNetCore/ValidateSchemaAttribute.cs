using CoreRegistryClient.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.AspNetCore;

/// <summary>Validates the request body of an MVC action (or of every action of a controller) against a registry
/// schema before model binding; the same meaning as <c>.ValidateSchema(name)</c> on a minimal API endpoint.</summary>
/// <example><code>
/// [HttpPost("/allocations"), ValidateSchema("portfolio.AllocationRequest")]
/// public IActionResult Allocate(AllocationRequest request) => Ok();
/// </code></example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ValidateSchemaAttribute : Attribute, IValidateSchemaMetadata, IFilterFactory, IOrderedFilter
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="schemaName">The registry schema name, e.g. <c>portfolio.AllocationRequest</c>.</param>
    public ValidateSchemaAttribute(string schemaName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaName);
        SchemaName = schemaName.Trim();
    }

    /// <inheritdoc/>
    public string SchemaName { get; }

    /// <summary>Runs before the other resource filters, so nothing reads the body first.</summary>
    public int Order => int.MinValue + 1000;

    /// <inheritdoc/>
    public bool IsReusable => true;

    /// <inheritdoc/>
    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        new SchemaValidationResourceFilter(serviceProvider.GetService<Validation.RequestSchemaValidator>()
            ?? throw HttpValidationServices.NotRegistered());
}
