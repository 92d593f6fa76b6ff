using System.Net;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.AspNetCore.Tests.Validation;

/// <summary>Registry outages follow OnUnavailable; a schema that does not exist is a server misconfiguration.</summary>
public class RegistryFailureTests
{
    private static async Task<TestApp> DownRegistryAppAsync(string mode, string onUnavailable)
    {
        var app = await TestApp.WithOrdersAsync(new Dictionary<string, string?>
        {
            ["REGISTRY_ENFORCEMENT"] = mode,
            ["SchemaEnforcement:OnUnavailable"] = onUnavailable,
            ["REGISTRY_TIMEOUT"] = "2",
        });
        app.Registry.Down = true;
        return app;
    }

    [TestCase("enforce")]
    [TestCase("warn")]
    public async Task An_outage_fails_open_by_default_with_a_not_validated_header(string mode)
    {
        await using var app = await DownRegistryAppAsync(mode, "allow");
        using var response = await app.PostAsync("/orders", Schemas.Invalid);
        var header = ValidationHeader.Of(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(header?.Result, Is.EqualTo("not-validated"));
            Assert.That(header?["reason"], Is.EqualTo("registry-unavailable"));
            Assert.That(app.Metrics.Of("schema_http_validation").Single()["outcome"], Is.EqualTo("not_validated"));
        });
    }

    [Test]
    public async Task An_outage_under_reject_gets_503_in_enforce()
    {
        await using var app = await DownRegistryAppAsync("enforce", "reject");
        using var response = await app.PostAsync("/orders", Schemas.Valid);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(ProblemSchemas.Parse(text).GetProperty("type").GetString(), Is.EqualTo(SchemaValidationProblemTypes.SchemaUnavailable));
        });
    }

    [Test]
    public async Task An_outage_under_reject_lets_warn_requests_through_marked_not_validated()
    {
        await using var app = await DownRegistryAppAsync("warn", "reject");
        using var response = await app.PostAsync("/orders", Schemas.Valid);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ValidationHeader.Of(response)?.Result, Is.EqualTo("not-validated"));
        });
    }

    [Test]
    public async Task An_unknown_schema_is_a_500_problem_in_enforce()
    {
        await using var app = await TestApp.StartAsync(a => a.MapPost("/typo", (Order o) => o).ValidateSchema("orders.OrderPlacd"));
        using var response = await app.PostAsync("/typo", Schemas.Valid);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(ProblemSchemas.Parse(text).GetProperty("type").GetString(), Is.EqualTo(SchemaValidationProblemTypes.SchemaNotFound));
            Assert.That(app.Logs.WithEventId(1102).Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_unknown_schema_in_warn_is_a_header_and_one_error_log_not_a_silent_pass()
    {
        await using var app = await TestApp.StartAsync(a => a.MapPost("/typo", (Order o) => o).ValidateSchema("orders.OrderPlacd"),
            new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "warn" });
        for (var i = 0; i < 3; i++)
        {
            using var response = await app.PostAsync("/typo", Schemas.Valid);
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(ValidationHeader.Of(response)?.Result, Is.EqualTo("schema-not-found"));
            });
        }

        Assert.Multiple(() =>
        {
            Assert.That(app.Logs.WithEventId(1102).Count(), Is.EqualTo(1), "logged once a minute per endpoint, not per request");
            Assert.That(app.Logs.WithEventId(1102).Single().Level, Is.EqualTo(Microsoft.Extensions.Logging.LogLevel.Error));
        });
    }

    [Test]
    public async Task A_deprecated_schema_adds_deprecation_sunset_and_link_headers_with_the_registry_note()
    {
        var registry = new InMemorySchemaRegistry()
            .Add("v1", Schemas.Order, "1.0.0", Schemas.OrderSchema, deprecated: true, deprecationNote: "Send \"orders.OrderPlaced\" v2 — from 2027", schemaId: "urn:orders:placed:1");
        await using var app = await TestApp.WithOrdersAsync(new Dictionary<string, string?>
        {
            [$"SchemaEnforcement:Http:Deprecations:{Schemas.Order}:Date"] = "2026-10-01T00:00:00Z",
            [$"SchemaEnforcement:Http:Deprecations:{Schemas.Order}:Sunset"] = "2027-03-31T00:00:00Z",
            [$"SchemaEnforcement:Http:Deprecations:{Schemas.Order}:Link"] = "https://developer.example.com/orders/v2",
        }, registry: registry);
        using var response = await app.PostAsync("/orders", Schemas.Valid);
        var header = ValidationHeader.Of(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.GetValues("Deprecation").Single(), Is.EqualTo("@1790812800"));
            Assert.That(response.Headers.GetValues("Sunset").Single(), Is.EqualTo("Wed, 31 Mar 2027 00:00:00 GMT"));
            Assert.That(response.Headers.GetValues("Link").Single(),
                Is.EqualTo("<https://developer.example.com/orders/v2>; rel=\"deprecation\"; type=\"text/html\"; title=\"Send \\\"orders.OrderPlaced\\\" v2 ? from 2027\""));
            Assert.That(header?["deprecated"], Is.EqualTo("?1"));
            Assert.That(header?["note"], Is.EqualTo("Send \"orders.OrderPlaced\" v2 ? from 2027"));
        });
    }

    [Test]
    public async Task Without_a_configured_date_the_deprecation_date_is_when_this_process_first_served_it()
    {
        var registry = new InMemorySchemaRegistry().Add("v1", Schemas.Order, "1.0.0", Schemas.OrderSchema, deprecated: true);
        await using var app = await TestApp.WithOrdersAsync(registry: registry);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var first = await app.PostAsync("/orders", Schemas.Valid);
        using var second = await app.PostAsync("/orders", Schemas.Valid);
        var date = long.Parse(first.Headers.GetValues("Deprecation").Single()[1..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(date, Is.InRange(before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            Assert.That(second.Headers.GetValues("Deprecation").Single(), Is.EqualTo(first.Headers.GetValues("Deprecation").Single()));
            Assert.That(first.Headers.Contains("Sunset"), Is.False);
            Assert.That(first.Headers.Contains("Link"), Is.False);
        });
    }

    [Test]
    public async Task A_reloaded_sunset_reaches_the_next_response()
    {
        var registry = new InMemorySchemaRegistry().Add("v1", Schemas.Order, "1.0.0", Schemas.OrderSchema, deprecated: true);
        await using var app = await TestApp.WithOrdersAsync(new Dictionary<string, string?>
        {
            [$"SchemaEnforcement:Http:Deprecations:{Schemas.Order}:Sunset"] = "2027-03-31T00:00:00Z",
        }, registry: registry);
        using var before = await app.PostAsync("/orders", Schemas.Valid);
        app.Reconfigure($"SchemaEnforcement:Http:Deprecations:{Schemas.Order}:Sunset", "2027-06-30T00:00:00Z");
        using var after = await app.PostAsync("/orders", Schemas.Valid);
        Assert.Multiple(() =>
        {
            Assert.That(before.Headers.GetValues("Sunset").Single(), Is.EqualTo("Wed, 31 Mar 2027 00:00:00 GMT"));
            Assert.That(after.Headers.GetValues("Sunset").Single(), Is.EqualTo("Wed, 30 Jun 2027 00:00:00 GMT"));
            Assert.That(after.Headers.GetValues("Deprecation").Single(), Is.EqualTo(before.Headers.GetValues("Deprecation").Single()));
        });
    }
}
