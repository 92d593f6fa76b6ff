using System.Net;
using System.Text.Json;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;
using CoreRegistryClient.Samples.Portfolio;

namespace CoreRegistryClient.AspNetCore.Tests.Portfolio;

/// <summary>The sample as a newcomer runs it: its command line, /metrics, /health, the OpenAPI document, header
/// coverage in warn, the deprecated strategies schema, and a real Kestrel.</summary>
public class PortfolioApiTests
{
    [TestCase(new[] { "--mode", "warn", "--port", "5081" }, "warn", 5081)]
    [TestCase(new[] { "--mode", "ENFORCE" }, "enforce", PortfolioSettings.DefaultPort)]
    [TestCase(new string[0], null, PortfolioSettings.DefaultPort)]
    public void The_command_line_sets_mode_and_port(string[] args, string? mode, int port)
    {
        Assert.That(PortfolioSettings.TryParse(args, out var settings, out var problem), Is.True, problem);
        Assert.Multiple(() =>
        {
            Assert.That(settings.Mode, Is.EqualTo(mode));
            Assert.That(settings.Port, Is.EqualTo(port));
        });
    }

    [TestCase(new[] { "--mode", "strictest" }, "--mode must be off, warn or enforce")]
    [TestCase(new[] { "--port", "http" }, "--port must be a number")]
    [TestCase(new[] { "--mode" }, "--mode needs a value")]
    [TestCase(new[] { "--colour", "red" }, "Unknown option --colour")]
    public void A_bad_command_line_says_what_is_wrong(string[] args, string message)
    {
        Assert.That(PortfolioSettings.TryParse(args, out _, out var problem), Is.False);
        Assert.That(problem, Does.StartWith(message));
    }

    [Test]
    public async Task Metrics_health_and_openapi_are_served()
    {
        await using var host = await PortfolioHost.StartAsync("warn");
        using var posted = await host.PostFileAsync("allocations", PortfolioHost.Golden("allocations", "invalid").First());
        var health = await host.Client.GetStringAsync("/health");
        var metrics = await host.Client.GetStringAsync("/metrics");
        using var openApi = JsonDocument.Parse(await host.Client.GetStringAsync("/openapi/v1.json"));
        var paths = openApi.RootElement.GetProperty("paths");
        Assert.Multiple(() =>
        {
            Assert.That(health, Is.EqualTo("Healthy"));
            Assert.That(metrics, Does.Contain("# TYPE schema_http_validation_total counter"));
            Assert.That(metrics, Does.Contain("# TYPE schema_http_validation_errors_total counter"));
            Assert.That(metrics, Does.Contain("# TYPE schema_http_validation_duration_seconds histogram"));
            Assert.That(metrics, Does.Contain("# TYPE schema_http_warn_headers_total counter"));
            Assert.That(metrics, Does.Contain("endpoint=\"/allocations\""));
            Assert.That(metrics, Does.Contain("schema_validation_total{"), "the SDK's own families share the meter");
            foreach (var endpoint in PortfolioHost.Endpoints)
            {
                var operation = paths.GetProperty(PortfolioHost.PathOf(endpoint)).GetProperty("post");
                Assert.That(operation.GetProperty("requestBody").GetProperty("x-schema-registry").GetProperty("name").GetString(), Is.EqualTo(PortfolioHost.SchemaOf(endpoint)));
                Assert.That(operation.GetProperty("responses").TryGetProperty("422", out _), Is.True);
                Assert.That(operation.GetProperty("responses").TryGetProperty("400", out _), Is.True);
            }
        });
    }

    [Test]
    public async Task Header_coverage_is_100_percent_in_warn_over_the_whole_golden_set()
    {
        await using var host = await PortfolioHost.StartAsync("warn");
        var sent = 0;
        var withHeader = 0;
        foreach (var endpoint in PortfolioHost.Endpoints)
        {
            foreach (var file in PortfolioHost.Golden(endpoint, "valid").Concat(PortfolioHost.Golden(endpoint, "invalid")))
            {
                using var response = await host.PostFileAsync(endpoint, file);
                sent++;
                if (ValidationHeader.Of(response) is not null) withHeader++;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(withHeader, Is.EqualTo(sent));
            Assert.That(host.Metrics.Sum("schema_http_warn_headers"), Is.EqualTo(host.Metrics.Sum("schema_http_validation", m => m["mode"] == "warn")));
            Assert.That(host.Metrics.Sum("schema_http_validation"), Is.EqualTo(sent));
        });
    }

    [Test]
    public async Task The_deprecated_strategies_schema_is_announced_with_deprecation_sunset_and_link()
    {
        await using var host = await PortfolioHost.StartAsync("enforce");
        using var response = await host.PostFileAsync("portfolio-strategies", PortfolioHost.Golden("portfolio-strategies", "valid").First());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.GetValues("Deprecation").Single(), Does.Match("^@[0-9]+$"));
            Assert.That(response.Headers.GetValues("Sunset").Single(), Is.EqualTo("Wed, 30 Jun 2027 00:00:00 GMT"));
            Assert.That(response.Headers.GetValues("Link").Single(), Does.StartWith("<https://developer.example.com/portfolio/strategies/v2-migration>; rel=\"deprecation\""));
            Assert.That(ValidationHeader.Of(response)?["note"], Does.StartWith("Strategies on v1 are frozen"));
        });
    }

    [Test]
    public async Task One_endpoint_can_be_kept_in_warn_by_name_from_the_command_line_while_the_others_enforce()
    {
        await using var host = await PortfolioHost.StartAsync("enforce", args: ["--SchemaEnforcement:Http:Endpoints:Allocate:Mode=warn"]);
        using var allocations = await host.PostFileAsync("allocations", Path.Combine(PortfolioHost.Root, "golden", "allocations", "invalid", "out-of-range.json"));
        using var simulations = await host.PostFileAsync("monte-carlo-simulations", Path.Combine(PortfolioHost.Root, "golden", "monte-carlo-simulations", "invalid", "out-of-range.json"));
        Assert.Multiple(() =>
        {
            Assert.That(allocations.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(simulations.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        });
    }

    [Test]
    public async Task The_sample_serves_on_a_real_kestrel()
    {
        await using var host = await PortfolioHost.StartAsync("enforce", kestrel: true);
        using var valid = await host.PostFileAsync("allocations", PortfolioHost.Golden("allocations", "valid").First());
        using var invalid = await host.PostFileAsync("allocations", Path.Combine(PortfolioHost.Root, "golden", "allocations", "invalid", "unknown-enum.json"));
        Assert.Multiple(() =>
        {
            Assert.That(host.Client.BaseAddress!.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(host.Logs.UnhandledExceptions, Is.Empty);
        });
    }
}
