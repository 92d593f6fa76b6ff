using System.Diagnostics.Metrics;
using System.Net;
using CoreRegistryClient.Samples.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace CoreRegistryClient.Samples.Tests.Metrics;

/// <summary><c>AddSchemaMetrics()</c> + <c>MapSchemaMetrics()</c> in a real Kestrel host on 127.0.0.1:0.</summary>
public class MapSchemaMetricsTests
{
    private static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(Action<IServiceCollection> services, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return (app, new Uri(address));
    }

    [Test]
    public async Task Metrics_endpoint_serves_the_sdk_meter_and_extra_meters_as_prometheus_text()
    {
        var extraMeter = "samples.tests.host." + Guid.NewGuid().ToString("N");
        var label = Guid.NewGuid().ToString("N");
        var (app, baseAddress) = await StartAsync(s => s.AddSchemaMetrics(b => b.AddMeter(extraMeter)), a => a.MapSchemaMetrics());
        await using (app)
        {
            // Meters made through the host's IMeterFactory, as the SDK makes its own.
            var factory = app.Services.GetRequiredService<IMeterFactory>();
            factory.Create(SchemaMetrics.MeterName).CreateCounter<long>("schema_validation_total", null, "v").Add(2, new KeyValuePair<string, object?>("schema", label));
            factory.Create(extraMeter).CreateGauge<long>("pipeline_backpressure_state", null, "b").Record(1, new KeyValuePair<string, object?>("provider", label));

            using var http = new HttpClient { BaseAddress = baseAddress };
            using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; version=0.0.4; charset=utf-8"));
                Assert.That(body, Does.Contain($"schema_validation_total{{schema=\"{label}\"}} 2\n"));
                Assert.That(body, Does.Contain($"pipeline_backpressure_state{{provider=\"{label}\"}} 1\n"));
            });
        }
    }

    [Test]
    public async Task Custom_path_is_honoured()
    {
        var (app, baseAddress) = await StartAsync(s => s.AddSchemaMetrics(), a => a.MapSchemaMetrics("/internal/prom"));
        await using (app)
        {
            using var http = new HttpClient { BaseAddress = baseAddress };
            using var metrics = await http.GetAsync(new Uri("/internal/prom", UriKind.Relative));
            using var missing = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.That((metrics.StatusCode, missing.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.NotFound)));
        }
    }

    [Test]
    public void Mapping_without_AddSchemaMetrics_fails_at_start_up_saying_what_to_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        using var app = builder.Build();
        Assert.That(() => app.MapSchemaMetrics(), Throws.InvalidOperationException.With.Message.Contains("services.AddSchemaMetrics()"));
    }

    [Test]
    public async Task Meter_provider_builder_extension_registers_the_exporter_in_the_app_services()
    {
        // The OpenTelemetry DI path: what services.AddOpenTelemetry().WithMetrics(...) does where that package exists.
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        new OpenTelemetryServicesBuilder(builder.Services).WithMetrics(m => m.AddSchemaMetrics());
        using var host = builder.Build();
        await host.StartAsync();
        var provider = host.Services;
        _ = provider.GetRequiredService<MeterProvider>();
        var exporter = provider.GetRequiredService<PrometheusTextExporter>();
        var meter = provider.GetRequiredService<IMeterFactory>().Create(SchemaMetrics.MeterName);
        var label = Guid.NewGuid().ToString("N");
        meter.CreateCounter<long>("schema_cache_misses_total", null, "m").Add(1, new KeyValuePair<string, object?>("schema", label));
        Assert.That(exporter.Scrape(TimeSpan.FromSeconds(30)), Does.Contain($"schema_cache_misses_total{{schema=\"{label}\"}} 1\n"));
    }

    private sealed class OpenTelemetryServicesBuilder(IServiceCollection services) : IOpenTelemetryBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    [Test]
    public void Calling_AddSchemaMetrics_twice_keeps_one_provider()
    {
        var services = new ServiceCollection().AddSchemaMetrics().AddSchemaMetrics();
        Assert.That(services.Count(d => d.ServiceType == typeof(MeterProvider)), Is.EqualTo(1));
    }
}
