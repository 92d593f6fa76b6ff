using System.Diagnostics.Metrics;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;
using CoreRegistryClient.Samples.Portfolio;
using CoreRegistryClient.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.AspNetCore.Tests.Portfolio;

/// <summary>The Portfolio.Api sample exactly as it ships (its appsettings.json, its schemas in an embedded loopback
/// registry), on the test server or a real Kestrel.</summary>
internal sealed class PortfolioHost : IAsyncDisposable
{
    private PortfolioHost(LoopbackRegistryServer registry, WebApplication app, HttpClient client, MetricCapture metrics, FakeLogCollector logs)
    {
        Registry = registry;
        App = app;
        Client = client;
        Metrics = metrics;
        Logs = logs;
    }

    public static string Root => AppContext.BaseDirectory;

    public static string[] Endpoints { get; } = ["monte-carlo-simulations", "portfolio-strategies", "allocations"];

    public LoopbackRegistryServer Registry { get; }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public MetricCapture Metrics { get; }

    public FakeLogCollector Logs { get; }

    public static string PathOf(string endpoint) => endpoint switch
    {
        "monte-carlo-simulations" => "/monte-carlo/simulations",
        "portfolio-strategies" => "/portfolio/strategies",
        _ => "/allocations",
    };

    public static string SchemaOf(string endpoint) => endpoint switch
    {
        "monte-carlo-simulations" => PortfolioApi.SimulationSchema,
        "portfolio-strategies" => PortfolioApi.StrategySchema,
        _ => PortfolioApi.AllocationSchema,
    };

    public static IEnumerable<string> Golden(string endpoint, string kind) =>
        Directory.GetFiles(Path.Combine(Root, "golden", endpoint, kind), "*.json").Order(StringComparer.Ordinal);

    public static async Task<PortfolioHost> StartAsync(string? mode, bool kestrel = false, string[]? args = null)
    {
        var registry = await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { SchemaDirectory = Path.Combine(Root, "schemas") });
        var logs = new FakeLogCollector();
        var app = PortfolioApi.Build(new PortfolioSettings { Mode = mode, Port = 0 }, registry.BaseUri, args, builder =>
        {
            builder.Logging.AddProvider(new FakeLoggerProvider(logs));
            if (!kestrel) builder.WebHost.UseTestServer();
        });
        var metrics = new MetricCapture(app.Services.GetRequiredService<IMeterFactory>());
        await app.StartAsync();
        var client = kestrel ? new HttpClient { BaseAddress = new Uri(app.Urls.First()) } : app.GetTestClient();
        return new PortfolioHost(registry, app, client, metrics, logs);
    }

    public Task<HttpResponseMessage> PostFileAsync(string endpoint, string file, IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, PathOf(endpoint)) { Content = new ByteArrayContent(File.ReadAllBytes(file)) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Metrics.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Registry.DisposeAsync();
    }
}
