using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace CoreRegistryClient.Samples.Metrics;

/// <summary>Adds the Prometheus text exporter and the CoreRegistryClient meter to an OpenTelemetry
/// <see cref="MeterProviderBuilder"/>.</summary>
public static class SchemaMetricsMeterProviderBuilderExtensions
{
    /// <summary>Adds a pull-based reader with <see cref="PrometheusTextExporter"/> (registered as a singleton in
    /// the builder's services, where <c>MapSchemaMetrics()</c> finds it); the stand-in for <c>AddPrometheusExporter()</c>.</summary>
    public static MeterProviderBuilder AddPrometheusTextExporter(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureServices(services => services.TryAddSingleton<PrometheusTextExporter>());
        return builder.AddReader(sp => new BaseExportingMetricReader(sp.GetRequiredService<PrometheusTextExporter>()));
    }

    /// <summary>Listens to the <c>CoreRegistryClient</c> meter and exports it as Prometheus text.
    /// Swap for <c>.AddMeter("CoreRegistryClient").AddPrometheusExporter()</c> where the official exporter is available.</summary>
    public static MeterProviderBuilder AddSchemaMetrics(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(SchemaMetrics.MeterName).AddPrometheusTextExporter();
    }
}
