using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.Registry;

/// <summary>Registers the registry client; called by <c>AddSchemaEnforcement</c>.</summary>
internal static class RegistryServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ISchemaRegistryClient"/> (a singleton <see cref="SchemaRegistryClient"/>), its
    /// resilience pipeline, <see cref="RegistryResilienceOptions"/> and a no-op <see cref="IRegistryCallObserver"/>,
    /// all with <c>TryAdd</c>: a client registered earlier (e.g. an in-memory registry in tests) is kept, and an
    /// observer added with <c>AddSingleton</c> (before or after) wins over the no-op.</summary>
    /// <remarks>Reads <see cref="SchemaEnforcementOptions.RegistryUrl"/>, <see cref="SchemaEnforcementOptions.Token"/>
    /// and <see cref="SchemaEnforcementOptions.Timeout"/> from <c>IOptionsMonitor</c> on every call; it does not bind
    /// or validate those options.
    /// <para>The HTTP client factory's own request loggers are removed for this client: at Trace level they put raw
    /// header values (the bearer token) into the structured log state even when <c>RedactLoggedHeaders</c> masks them in
    /// the message, and a structured exporter would ship them. Registry calls are logged by <see cref="RegistryLog"/>.</para>
    /// <para>Connections follow <see cref="RegistryConnectionPolicy"/> (kept warm for a cold miss; the handler is never
    /// rotated).</para></remarks>
    /// <returns>The builder of the named <see cref="HttpClient"/>, to add handlers or change the primary handler.</returns>
    internal static IHttpClientBuilder AddSchemaRegistryClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SchemaEnforcementOptions>();
        services.AddOptions<RegistryResilienceOptions>();
        services.TryAddSingleton<RegistryResiliencePipeline>();
        services.TryAddSingleton<IRegistryCallObserver>(NullRegistryCallObserver.Instance);
        services.TryAddSingleton<RegistryConnections>();
        services.TryAddSingleton<ISchemaRegistryClient, SchemaRegistryClient>();
        return services.AddHttpClient(SchemaRegistryClient.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // the resilience pipeline owns time budgets
            .ConfigurePrimaryHttpMessageHandler(provider => RegistryConnectionPolicy.CreateHandler(provider.GetRequiredService<IOptionsMonitor<SchemaEnforcementOptions>>().CurrentValue,
                provider.GetRequiredService<RegistryConnections>()))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan) // a rotated handler is an empty pool: the warm connection would be lost
            .RemoveAllLoggers()
            .RedactLoggedHeaders(["Authorization"]); // in case a host adds the default loggers back
    }
}
