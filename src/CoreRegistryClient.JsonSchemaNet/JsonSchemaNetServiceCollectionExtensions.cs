using CoreRegistryClient;
using CoreRegistryClient.JsonSchemaNet;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Makes JsonSchema.Net the SDK's validator backend.</summary>
public static class JsonSchemaNetServiceCollectionExtensions
{
    /// <summary>Validates with JsonSchema.Net 8.0.5 instead of the SDK's own engine:
    /// <c>services.AddSchemaEnforcement(configuration).UseJsonSchemaNet()</c>. Replaces whatever
    /// <see cref="ISchemaValidatorFactory"/> is registered, before or after <c>AddSchemaEnforcement</c>.</summary>
    /// <remarks>JsonSchema.Net has no draft 4 (such schemas fail to load with <see cref="UnsupportedSchemaDraftException"/>)
    /// and allocates per validation; see the SDK documentation, "Validator backends".</remarks>
    public static IServiceCollection UseJsonSchemaNet(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.Replace(ServiceDescriptor.Singleton<ISchemaValidatorFactory>(JsonSchemaNetValidatorFactory.Instance));
    }
}
