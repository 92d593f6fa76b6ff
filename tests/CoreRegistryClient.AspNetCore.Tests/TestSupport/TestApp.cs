using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text.Json;
using CoreRegistryClient.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.AspNetCore.Tests.TestSupport;

/// <summary>An ASP.NET Core app wired as a service would wire it (AddSchemaEnforcement + AddHttpValidation, reloadable
/// configuration) against a real loopback registry, on the test server or a real Kestrel on loopback.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, LoopbackRegistryServer registry, FakeLogCollector logs, MetricCapture metrics, HttpClient client)
    {
        App = app;
        Registry = registry;
        Logs = logs;
        Metrics = metrics;
        Client = client;
    }

    public WebApplication App { get; }

    public LoopbackRegistryServer Registry { get; }

    public FakeLogCollector Logs { get; }

    public MetricCapture Metrics { get; }

    public HttpClient Client { get; }

    /// <summary>The Kestrel address (real server only).</summary>
    public Uri BaseAddress => Client.BaseAddress!;

    public static async Task<TestApp> StartAsync(Action<WebApplication> map, IDictionary<string, string?>? settings = null, bool kestrel = false,
        Action<WebApplicationBuilder>? configure = null, InMemorySchemaRegistry? registry = null)
    {
        registry ??= new InMemorySchemaRegistry().Add("v1", Schemas.Order, "1.0.0", Schemas.OrderSchema, schemaId: "urn:orders:placed:1");
        var server = await LoopbackRegistryServer.StartAsync(registry);
        var builder = WebApplication.CreateSlimBuilder();
        // Only what the test says: no appsettings.json from the output folder (the sample's is there), no environment.
        builder.Configuration.Sources.Clear();
        var defaults = new Dictionary<string, string?>
        {
            ["REGISTRY_ENABLED"] = "true",
            ["REGISTRY_URL"] = server.BaseUri.ToString(),
            ["REGISTRY_ENFORCEMENT"] = "enforce",
            ["SCHEMA_PREFER_TRACK"] = "v1",
            ["REGISTRY_TIMEOUT"] = "10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) defaults[key] = value;
        builder.Configuration.AddInMemoryCollection(defaults);
        var logs = new FakeLogCollector();
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Debug);
        if (kestrel) builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        else builder.WebHost.UseTestServer();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddSchemaEnforcement(builder.Configuration).AddHttpValidation();
        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        var metrics = new MetricCapture(app.Services.GetRequiredService<IMeterFactory>());
        await app.StartAsync();
        HttpClient client;
        if (kestrel)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
        }
        else
        {
            client = app.GetTestClient();
        }

        return new TestApp(app, server, logs, metrics, client);
    }

    /// <summary>An app with one validating endpoint, <c>POST /orders</c>, echoing the bound order.</summary>
    public static Task<TestApp> WithOrdersAsync(IDictionary<string, string?>? settings = null, bool kestrel = false, Action<WebApplicationBuilder>? configure = null,
        InMemorySchemaRegistry? registry = null) =>
        StartAsync(app => app.MapPost("/orders", (Order order) => Microsoft.AspNetCore.Http.Results.Ok(order)).WithName("PlaceOrder").ValidateSchema(Schemas.Order),
            settings, kestrel, configure, registry);

    /// <summary>Waits (generously: the machine is shared) until <paramref name="condition"/> holds; false if it never does.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>Changes configuration and raises the reload, as a changed file or ConfigMap would.</summary>
    public void Reconfigure(string key, string? value)
    {
        App.Configuration[key] = value;
        ((IConfigurationRoot)App.Configuration).Reload();
    }

    public Task<HttpResponseMessage> PostAsync(string path, string body, string contentType = "application/json", IDictionary<string, string>? headers = null) =>
        PostAsync(path, Schemas.Utf8(body), contentType, headers);

    public Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
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
