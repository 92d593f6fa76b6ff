namespace CoreRegistryClient.AspNetCore;

/// <summary>Endpoint metadata: the request body must match a registry schema. The last one in an endpoint's
/// metadata wins, so an endpoint's own declaration overrides its route group's or controller's.</summary>
public interface IValidateSchemaMetadata
{
    /// <summary>The registry schema name, e.g. <c>portfolio.AllocationRequest</c>.</summary>
    string SchemaName { get; }
}
