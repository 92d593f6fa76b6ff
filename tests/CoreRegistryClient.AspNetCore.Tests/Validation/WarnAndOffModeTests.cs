using System.Net;
using System.Text.Json;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;
using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.AspNetCore.Tests.Validation;

/// <summary>Warn mode never rejects but tells the client; off mode does nothing at all.</summary>
public class WarnAndOffModeTests
{
    private static readonly Dictionary<string, string?> Warn = new() { ["REGISTRY_ENFORCEMENT"] = "warn" };

    [Test]
    public async Task Warn_lets_an_invalid_body_through_to_the_handler_with_a_header_saying_what_would_be_rejected()
    {
        await using var app = await TestApp.WithOrdersAsync(Warn);
        using var response = await app.PostAsync("/orders", Schemas.Invalid);
        var header = ValidationHeader.Of(response);
        var order = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(order.GetProperty("quantity").GetInt32(), Is.Zero, "the handler bound the body as sent");
            Assert.That(header?.Result, Is.EqualTo("invalid"));
            Assert.That(header?["errors"], Is.EqualTo("2"));
            Assert.That(header?["schema"], Is.EqualTo(Schemas.Order));
            Assert.That(header?["id"], Is.EqualTo("urn:orders:placed:1"));
            Assert.That(header?["version"], Is.EqualTo("1.0.0"));
            Assert.That(header?["mode"], Is.EqualTo("warn"));
            Assert.That(string.Join(",", response.Headers.GetValues("Schema-Validation")), Does.Not.Contain(Schemas.SecretValue));
        });
    }

    [Test]
    public async Task Warn_lets_malformed_json_through_marked_malformed()
    {
        await using var app = await TestApp.StartAsync(a => a.MapPost("/raw", async (HttpRequest request) => await new StreamReader(request.Body).ReadToEndAsync())
            .ValidateSchema(Schemas.Order), Warn);
        using var response = await app.PostAsync("/raw", "{\"order_id\":");
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"order_id\":"), "the handler reads the very bytes that were sent");
            Assert.That(ValidationHeader.Of(response)?.Result, Is.EqualTo("malformed"));
        });
    }

    [Test]
    public async Task Every_validated_warn_request_gets_the_header_and_is_counted_for_coverage()
    {
        await using var app = await TestApp.WithOrdersAsync(Warn);
        string[] bodies = [Schemas.Valid, Schemas.Invalid, "{", "", Schemas.WithErrors(3)];
        var withHeader = 0;
        foreach (var body in bodies)
        {
            using var response = await app.PostAsync("/orders", body);
            if (ValidationHeader.Of(response) is not null) withHeader++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(withHeader, Is.EqualTo(bodies.Length));
            Assert.That(app.Metrics.Sum("schema_http_warn_headers"), Is.EqualTo(bodies.Length));
            Assert.That(app.Metrics.Sum("schema_http_validation", m => m["mode"] == "warn"), Is.EqualTo(bodies.Length));
        });
    }

    [Test]
    public async Task The_handler_can_read_the_validation_of_its_request()
    {
        await using var app = await TestApp.StartAsync(a => a.MapPost("/orders", (Order _, HttpContext context) =>
        {
            var feature = context.Features.Get<ISchemaValidationFeature>()!;
            return $"{feature.Mode} {feature.Outcome.Status} {feature.Outcome.Errors.Count}";
        }).ValidateSchema(Schemas.Order), Warn);
        using var response = await app.PostAsync("/orders", Schemas.Invalid);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo($"{EnforcementMode.Warn} {SchemaValidationStatus.Invalid} 2"));
    }

    [Test]
    public async Task Off_validates_nothing_sends_no_header_and_records_no_metric()
    {
        await using var app = await TestApp.WithOrdersAsync(new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "off" });
        app.Registry.ResetRequests();
        using var response = await app.PostAsync("/orders", Schemas.Invalid);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ValidationHeader.Of(response), Is.Null);
            Assert.That(app.Metrics.Of("schema_http_validation"), Is.Empty);
            Assert.That(app.Registry.RequestCount("/schemas"), Is.Zero);
        });
    }

    [Test]
    public async Task Disabled_enforcement_turns_every_endpoint_off()
    {
        await using var app = await TestApp.WithOrdersAsync(new Dictionary<string, string?>
        {
            ["REGISTRY_ENABLED"] = "false",
            ["SchemaEnforcement:Http:Endpoints:/orders:Mode"] = "enforce",
        });
        using var response = await app.PostAsync("/orders", Schemas.Invalid);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ValidationHeader.Of(response), Is.Null);
        });
    }
}
