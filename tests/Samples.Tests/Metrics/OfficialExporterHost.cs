using CoreRegistryClient.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace CoreRegistryClient.Samples.Tests.Metrics;

/// <summary>A real Kestrel host on 127.0.0.1:0 wired the way docs/metrics.md shows: OpenTelemetry with the SDK's
/// instrumentation, a meter of the test's own, the Prometheus exporter and <c>MapPrometheusScrapingEndpoint()</c>.</summary>
internal sealed class OfficialExporterHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OfficialExporterHost(WebApplication app, Uri baseAddress, string meterName)
    {
        _app = app;
        BaseAddress = baseAddress;
        MeterName = meterName;
    }

    public Uri BaseAddress { get; }

    /// <summary>A meter the provider listens to besides the SDK's.</summary>
    public string MeterName { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<OfficialExporterHost> StartAsync()
    {
        var meterName = "samples.tests." + Guid.NewGuid().ToString("N");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddSchemaEnforcementInstrumentation()
                .AddMeter(meterName)
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new OfficialExporterHost(app, new Uri(address), meterName);
    }

    public async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        return await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
