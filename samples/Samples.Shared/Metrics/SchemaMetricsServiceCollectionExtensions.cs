using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace CoreRegistryClient.Samples.Metrics;

/// <summary>Registers an OpenTelemetry <see cref="MeterProvider"/> that exports the CoreRegistryClient meter as
/// Prometheus text, for hosts without <c>OpenTelemetry.Extensions.Hosting</c> (which is not in this project's
/// package mirror). With that package, <c>services.AddOpenTelemetry().WithMetrics(b => b.AddSchemaMetrics())</c>
/// does the same and <c>MapSchemaMetrics()</c> works with either.</summary>
public static class SchemaMetricsServiceCollectionExtensions
{
    /// <summary>Registers the exporter and a provider that is built when the host starts (so measurements made
    /// before the first scrape count) and disposed with the container. Use <paramref name="configure"/> to add
    /// more meters, e.g. the host's own; the CoreRegistryClient meter and the exporter are already added.
    /// Calling this again, or after another registration of <see cref="MeterProvider"/>, changes nothing.</summary>
    public static IServiceCollection AddSchemaMetrics(this IServiceCollection services, Action<MeterProviderBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(MeterProvider)))
        {
            return services;
        }

        // An instance, not a type: the app's container must not dispose what the provider's reader owns.
        var exporter = new PrometheusTextExporter();
        services.TryAddSingleton(exporter);
        services.AddSingleton(_ =>
        {
            var builder = Sdk.CreateMeterProviderBuilder()
                .AddMeter(SchemaMetrics.MeterName)
                .AddReader(new BaseExportingMetricReader(exporter));
            configure?.Invoke(builder);
            return builder.Build();
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MeterProviderStarter>());
        return services;
    }

    /// <summary>Resolving the provider builds it; that is all this does.</summary>
    private sealed class MeterProviderStarter(MeterProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(provider);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
