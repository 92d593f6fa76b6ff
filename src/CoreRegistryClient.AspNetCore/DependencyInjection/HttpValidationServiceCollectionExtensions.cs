using CoreRegistryClient;
using CoreRegistryClient.AspNetCore;
using CoreRegistryClient.AspNetCore.OpenApi;
using CoreRegistryClient.AspNetCore.Policy;
using CoreRegistryClient.AspNetCore.Telemetry;
using CoreRegistryClient.AspNetCore.Validation;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers HTTP request validation on top of <c>AddSchemaEnforcement</c>.</summary>
public static class HttpValidationServiceCollectionExtensions
{
    /// <summary>Adds request validation for endpoints marked with <c>.ValidateSchema(name)</c> or
    /// <see cref="ValidateSchemaAttribute"/>: options from the <c>SchemaEnforcement:Http</c> section of the
    /// app's configuration (reloadable), then <paramref name="configure"/>; the problem shapes and headers in every
    /// OpenAPI document the app adds with <c>AddOpenApi</c>. Call after <c>AddSchemaEnforcement</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Settings in code (applied after configuration).</param>
    /// <returns>The services, to chain calls.</returns>
    public static IServiceCollection AddHttpValidation(this IServiceCollection services, Action<HttpValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(ISchemaManager)))
        {
            throw new InvalidOperationException("AddHttpValidation needs the SDK: call services.AddSchemaEnforcement(configuration) first.");
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HttpValidationOptions>, HttpValidationConfigurator>(
            sp => new HttpValidationConfigurator(sp.GetService<IConfiguration>() ?? new ConfigurationBuilder().Build())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<HttpValidationOptions>, ConfigurationChangeTokenSource<HttpValidationOptions>>(
            sp => new ConfigurationChangeTokenSource<HttpValidationOptions>(sp.GetService<IConfiguration>() ?? new ConfigurationBuilder().Build())));
        if (configure is not null) services.Configure(configure);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new HttpValidationMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton(sp => new HttpValidationPolicy(sp.GetRequiredService<IOptionsMonitor<HttpValidationOptions>>(),
            sp.GetRequiredService<IOptionsMonitor<SchemaEnforcementOptions>>(), sp.GetRequiredService<HttpValidationMetrics>(), Logger<HttpValidationPolicy>(sp)));
        services.TryAddSingleton(sp => new DeprecationDates(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new RequestSchemaValidator(sp.GetRequiredService<HttpValidationPolicy>(), sp.GetRequiredService<ISchemaManager>(),
            sp.GetRequiredService<HttpValidationMetrics>(), sp.GetRequiredService<DeprecationDates>(), sp.GetRequiredService<TimeProvider>(),
            Logger<RequestSchemaValidator>(sp)));
        // Invalid settings stop the host at start-up rather than at the first request.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HttpValidationStartup>(sp => new HttpValidationStartup(sp.GetRequiredService<HttpValidationPolicy>())));
        services.ConfigureAll<OpenApiOptions>(options => options.AddSchemaValidation());
        return services;
    }

    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILoggerFactory>() is { } factory ? new Logger<T>(factory) : NullLogger<T>.Instance;
}
