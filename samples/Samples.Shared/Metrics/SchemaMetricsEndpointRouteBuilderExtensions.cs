using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace CoreRegistryClient.Samples.Metrics;

/// <summary>Serves the Prometheus text over HTTP.</summary>
public static class SchemaMetricsEndpointRouteBuilderExtensions
{
    private static readonly TimeSpan CollectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Maps <c>GET {pattern}</c> (default <c>/metrics</c>) to a scrape of the <see cref="PrometheusTextExporter"/>
    /// registered with <c>AddSchemaMetrics()</c>. The stand-in for <c>MapPrometheusScrapingEndpoint()</c>.</summary>
    /// <exception cref="InvalidOperationException">No MeterProvider with the exporter is registered.</exception>
    public static IEndpointConventionBuilder MapSchemaMetrics(this IEndpointRouteBuilder endpoints, string pattern = SchemaMetrics.DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);

        // Resolve now so a missing AddSchemaMetrics() fails at start-up, not at the first scrape.
        var exporter = FindExporter(endpoints.ServiceProvider);
        return endpoints.MapGet(pattern, async (HttpContext context) =>
        {
            byte[] body;
            try
            {
                body = exporter.ScrapeUtf8(CollectTimeout);
            }
            catch (TimeoutException e)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync(e.Message, context.RequestAborted);
                return;
            }

            context.Response.ContentType = PrometheusTextExporter.ContentType;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
    }

    private static PrometheusTextExporter FindExporter(IServiceProvider services)
    {
        // Building the provider (if it is in this container) is what attaches the exporter to a reader.
        _ = services.GetService<MeterProvider>();
        var exporter = services.GetService<PrometheusTextExporter>()
            ?? throw new InvalidOperationException("MapSchemaMetrics() needs the Prometheus text exporter: call services.AddSchemaMetrics(), or AddSchemaMetrics() on the MeterProviderBuilder of services.AddOpenTelemetry().WithMetrics(...).");
        return exporter.Collect is not null
            ? exporter
            : throw new InvalidOperationException("The Prometheus text exporter is registered but no MeterProvider uses it: register the provider in the same container (services.AddSchemaMetrics()).");
    }
}
