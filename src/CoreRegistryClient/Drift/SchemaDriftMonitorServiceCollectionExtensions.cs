using CoreRegistryClient.Drift;
using CoreRegistryClient.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the scheduled drift monitor (<see cref="ISchemaDriftMonitor"/>).</summary>
public static class SchemaDriftMonitorServiceCollectionExtensions
{
    /// <summary>Adds the drift monitor with options bound from <paramref name="configuration"/> (usually the
    /// <see cref="SchemaDriftMonitorOptions.SectionName"/> section). See <see cref="AddSchemaDriftMonitor(IServiceCollection, Action{SchemaDriftMonitorOptions})"/>.</summary>
    public static IServiceCollection AddSchemaDriftMonitor(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SchemaDriftMonitorOptions>().Bind(configuration);
        return services.AddSchemaDriftMonitorCore();
    }

    /// <summary>Adds the drift monitor: a hosted service that compares local schema copies with the registry on a
    /// schedule (default daily at 02:00 UTC), writes <c>drift_report.json</c>, records the drift metrics, publishes
    /// <c>telemetry.schema_drift</c> events (fail-open; through the registered <see cref="IDriftEventPublisher"/>,
    /// else the registry's telemetry endpoint) and adds the <c>schema-drift</c> health check. Options are validated at
    /// start-up. Needs the registry client that <c>AddSchemaEnforcement</c> registers (or another
    /// <see cref="ISchemaRegistryClient"/>).</summary>
    public static IServiceCollection AddSchemaDriftMonitor(this IServiceCollection services, Action<SchemaDriftMonitorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SchemaDriftMonitorOptions>().Configure(configure);
        return services.AddSchemaDriftMonitorCore();
    }

    private static IServiceCollection AddSchemaDriftMonitorCore(this IServiceCollection services)
    {
        services.AddOptions<SchemaDriftMonitorOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchemaDriftMonitorOptions>, SchemaDriftMonitorOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DriftReporter(
            sp.GetRequiredService<ISchemaRegistryClient>(),
            sp.GetService<IDriftEventPublisher>(),
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            Logger<DriftReporter>(sp),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SchemaDriftMonitor(sp.GetRequiredService<DriftReporter>(), sp.GetRequiredService<IOptions<SchemaDriftMonitorOptions>>(),
            sp.GetRequiredService<TimeProvider>(), Logger<SchemaDriftMonitor>(sp)));
        services.TryAddSingleton<ISchemaDriftMonitor>(sp => sp.GetRequiredService<SchemaDriftMonitor>());
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory?.Method.ReturnType == typeof(SchemaDriftMonitor)))
        {
            services.AddSingleton<IHostedService>(HostedMonitor);
            services.AddHealthChecks().Add(new Diagnostics.HealthChecks.HealthCheckRegistration(
                "schema-drift", sp => new SchemaDriftHealthCheck(sp.GetRequiredService<SchemaDriftMonitor>()), failureStatus: null, tags: ["drift"]));
        }

        return services;
    }

    private static SchemaDriftMonitor HostedMonitor(IServiceProvider services) => services.GetRequiredService<SchemaDriftMonitor>();

    private static ILogger<T> Logger<T>(IServiceProvider services) => SchemaEnforcementServiceCollectionExtensions.Logger<T>(services);
}
