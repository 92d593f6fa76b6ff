using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Caching;

/// <summary>The registry calls of a load, made synchronously on a load thread within the load's budget.</summary>
/// <remarks>The SDK's HTTP client has a synchronous path (no thread-pool hop anywhere); any other
/// <see cref="ISchemaRegistryClient"/> (an in-memory registry, a host's own client) is called through its async API
/// and waited for on the load thread.</remarks>
internal sealed class RegistryFetcher(ISchemaRegistryClient registry)
{
    /// <summary>Set when a host's HTTP handler turned out not to support synchronous sends.</summary>
    private volatile bool _asyncOnly;

    /// <summary>One copy of a schema, exactly as named (no second spelling is tried: the index says which exists).</summary>
    public RegistrySchema GetSchema(string track, string name, SchemaLoad load)
    {
        if (registry is SchemaRegistryClient http && !_asyncOnly)
        {
            try
            {
                return http.GetSchema(track, name, load.Remaining, load.Token);
            }
            catch (NotSupportedException)
            {
                _asyncOnly = true;
            }
        }

        return registry.GetSchemaAsync(track, name, null, load.Token).GetAwaiter().GetResult();
    }

    public SchemaIndex GetIndex(SchemaLoad load)
    {
        if (registry is SchemaRegistryClient http && !_asyncOnly)
        {
            try
            {
                return http.GetIndex(load.Remaining, load.Token);
            }
            catch (NotSupportedException)
            {
                _asyncOnly = true;
            }
        }

        return registry.GetIndexAsync(load.Token).GetAwaiter().GetResult();
    }
}
