using System.Text.Json;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Configuration.Memory;
using OpenTelemetry.Metrics;

namespace CoreRegistryClient.Samples.Portfolio;

/// <summary>The sample API: three endpoints, each validated against its own registry schema, plus <c>/metrics</c>
/// (OpenTelemetry's Prometheus exporter), <c>/health</c> and the OpenAPI document at <c>/openapi/v1.json</c>.</summary>
public static class PortfolioApi
{
    public const string SimulationSchema = "portfolio.MonteCarloSimulationRequest";
    public const string StrategySchema = "portfolio.StrategyRequest";
    public const string AllocationSchema = "portfolio.AllocationRequest";

    /// <summary>Builds the app against <paramref name="registryUrl"/>.</summary>
    /// <param name="settings">The command line.</param>
    /// <param name="registryUrl">The schema registry (the embedded one unless <c>--registry-url</c> is given).</param>
    /// <param name="args">The raw arguments, for configuration-style overrides (<c>--SchemaEnforcement:Http:MaxMode=warn</c>).</param>
    /// <param name="configure">Last changes before building (tests swap the server or add configuration).</param>
    public static WebApplication Build(PortfolioSettings settings, Uri registryUrl, string[]? args = null, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        // Lowest precedence: the registry to use; appsettings.json, environment variables and the command line win.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["REGISTRY_ENABLED"] = "true", ["REGISTRY_URL"] = registryUrl.ToString() },
        });
        if (settings.Mode is { } mode) builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = mode });
        builder.WebHost.UseUrls($"http://127.0.0.1:{settings.Port}");

        var services = builder.Services;
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        // The one line beyond what every SDK consumer writes.
        services.AddSchemaEnforcement(builder.Configuration).AddHttpValidation();
        services.AddHealthChecks().AddSchemaRegistry();
        services.AddOpenApi();
        // The SDK's meter, HTTP validation's four families included.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddSchemaEnforcementInstrumentation().AddPrometheusExporter());
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapPrometheusScrapingEndpoint();
        app.MapPortfolioEndpoints();
        return app;
    }
}
