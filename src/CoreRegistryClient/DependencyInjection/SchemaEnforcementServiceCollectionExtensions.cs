using CoreRegistryClient;
using CoreRegistryClient.Caching;
using CoreRegistryClient.DependencyInjection;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Notifications;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;
using CoreRegistryClient.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ISchemaManager"/> and everything behind it.</summary>
public static class SchemaEnforcementServiceCollectionExtensions
{
    /// <summary>Adds schema enforcement configured from <paramref name="configuration"/> (the root configuration):
    /// the <c>SchemaEnforcement</c> section, overridden by the <c>REGISTRY_*</c>/<c>SCHEMA_*</c> root keys
    /// (environment variables). Configuration reloads (e.g. a mode flip) take effect without a restart.
    /// Options are validated at start-up.</summary>
    public static IServiceCollection AddSchemaEnforcement(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IConfigureOptions<SchemaEnforcementOptions>>(new SchemaEnforcementConfigurator(configuration));
        services.AddSingleton<IOptionsChangeTokenSource<SchemaEnforcementOptions>>(new ConfigurationChangeTokenSource<SchemaEnforcementOptions>(configuration));
        return services.AddSchemaEnforcementCore();
    }

    /// <summary>Adds schema enforcement configured in code.</summary>
    public static IServiceCollection AddSchemaEnforcement(this IServiceCollection services, Action<SchemaEnforcementOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return services.AddSchemaEnforcementCore();
    }

    private static IServiceCollection AddSchemaEnforcementCore(this IServiceCollection services)
    {
        services.AddOptions<SchemaEnforcementOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchemaEnforcementOptions>, SchemaEnforcementOptionsValidator>());
        // Closed over the open-generic stock monitor, so every SDK component (registry client included) keeps the last valid options on a bad reload.
        services.TryAddSingleton<IOptionsMonitor<SchemaEnforcementOptions>>(sp => new LastValidOptionsMonitor(
            sp.GetRequiredService<IOptionsFactory<SchemaEnforcementOptions>>(),
            sp.GetServices<IOptionsChangeTokenSource<SchemaEnforcementOptions>>(), Logger<LastValidOptionsMonitor>(sp)));
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<ValidationCounters>();
        services.TryAddSingleton(sp => new CacheClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SchemaMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));

        // The metrics observer first: the registry client's own TryAdd of its no-op observer then leaves it in place.
        services.TryAddSingleton<IRegistryCallObserver>(sp => new RegistryCallMetrics(sp.GetRequiredService<SchemaMetrics>()));
        services.AddSchemaRegistryClient();
        services.TryAddSingleton(sp => new EnforcementPolicy(sp.GetRequiredService<IOptionsMonitor<SchemaEnforcementOptions>>(), Logger<EnforcementPolicy>(sp)));
        services.TryAddSingleton(sp => new SchemaTelemetry(sp.GetRequiredService<SchemaMetrics>(), sp.GetRequiredService<ValidationCounters>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CacheClock>(), Logger<SchemaTelemetry>(sp)));
        services.TryAddSingleton(sp => new RegistryIndexCache(sp.GetRequiredService<CacheClock>()));
        services.TryAddSingleton(sp => new SchemaSnapshotStore(sp.GetRequiredService<TimeProvider>(), Logger<SchemaSnapshotStore>(sp)));
        // The validator backend: the SDK's engine unless the application registered another (before or after this call).
        services.TryAddSingleton<ISchemaValidatorFactory>(EngineValidatorFactory.Instance);
        services.TryAddSingleton(sp => new SchemaLoader(new RegistryFetcher(sp.GetRequiredService<ISchemaRegistryClient>()), sp.GetRequiredService<RegistryIndexCache>(),
            sp.GetRequiredService<SchemaSnapshotStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ISchemaValidatorFactory>()));
        services.TryAddSingleton(sp => new SchemaCache(sp.GetRequiredService<SchemaLoader>(), sp.GetRequiredService<SchemaSnapshotStore>(),
            sp.GetRequiredService<RegistryIndexCache>(), sp.GetRequiredService<EnforcementPolicy>(), sp.GetRequiredService<SchemaTelemetry>(),
            new RegistryStatus(sp.GetRequiredService<TimeProvider>()), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CacheClock>(),
            sp.GetRequiredService<RegistryConnections>()));
        services.TryAddSingleton<ISchemaManager>(sp => new SchemaManager(sp.GetRequiredService<EnforcementPolicy>(), sp.GetRequiredService<SchemaCache>(),
            sp.GetRequiredService<SchemaTelemetry>(), sp.GetRequiredService<CacheClock>()));
        services.TryAddSingleton(sp => new IndexPoller(sp.GetRequiredService<SchemaCache>(), sp.GetRequiredService<ISchemaRegistryClient>(),
            sp.GetRequiredService<EnforcementPolicy>(), sp.GetRequiredService<SchemaTelemetry>(), sp.GetRequiredService<TimeProvider>(), Logger<IndexPoller>(sp)));
        services.TryAddSingleton<ISchemaNotifications>(sp => new SchemaNotificationHandler(sp.GetRequiredService<SchemaCache>(), sp.GetRequiredService<EnforcementPolicy>(),
            sp.GetRequiredService<IndexPoller>(), sp.GetRequiredService<SchemaMetrics>(), sp.GetRequiredService<TimeProvider>(), Logger<SchemaNotificationHandler>(sp)));
        services.TryAddSingleton(sp => new CriticalSchemaPreloader(sp.GetRequiredService<SchemaCache>(), sp.GetRequiredService<ISchemaRegistryClient>(), sp.GetRequiredService<SchemaLoader>(),
            sp.GetRequiredService<EnforcementPolicy>(), sp.GetRequiredService<TimeProvider>(), Logger<CriticalSchemaPreloader>(sp)));

        services.TryAddSingleton(sp => new RegistryConnectionKeeper(sp.GetRequiredService<RegistryConnections>(), sp.GetRequiredService<ISchemaRegistryClient>(),
            sp.GetService<RegistryResiliencePipeline>(), sp.GetRequiredService<EnforcementPolicy>(), sp.GetRequiredService<TimeProvider>(), Logger<RegistryConnectionKeeper>(sp)));

        // The preloader runs first (hosted services start in registration order; its start-up call opens the first
        // connection), then the poller, then the keeper that keeps a connection live from then on.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CriticalSchemaPreloader>(sp => sp.GetRequiredService<CriticalSchemaPreloader>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, IndexPoller>(sp => sp.GetRequiredService<IndexPoller>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RegistryConnectionKeeper>(sp => sp.GetRequiredService<RegistryConnectionKeeper>()));
        return services;
    }

    /// <summary>A logger when logging is registered, a silent one otherwise (never registers logging itself, so a
    /// host that adds logging later is not shadowed).</summary>
    internal static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILoggerFactory>() is { } factory ? new Logger<T>(factory) : NullLogger<T>.Instance;
}
