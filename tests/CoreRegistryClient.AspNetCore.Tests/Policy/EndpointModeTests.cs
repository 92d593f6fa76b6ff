using System.Net;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.AspNetCore.Tests.Policy;

/// <summary>Which mode an endpoint runs in: the SDK default, the HTTP default, the endpoint's own setting by route
/// pattern or name, the cap, and all of it reloadable without a restart.</summary>
public class EndpointModeTests
{
    private static Task<TestApp> TwoEndpointsAsync(Dictionary<string, string?> settings) => TestApp.StartAsync(app =>
    {
        app.MapPost("/orders", (Order o) => o).WithName("PlaceOrder").ValidateSchema(Schemas.Order);
        app.MapPost("/orders/{id}/amend", (string id, Order o) => o).WithName("AmendOrder").ValidateSchema(Schemas.Order);
    }, settings);

    private static async Task<HttpStatusCode> StatusAsync(TestApp app, string path)
    {
        using var response = await app.PostAsync(path, Schemas.Invalid);
        return response.StatusCode;
    }

    [Test]
    public async Task The_sdk_mode_is_the_default_and_the_http_mode_overrides_it()
    {
        await using var sdkDefault = await TwoEndpointsAsync(new() { ["REGISTRY_ENFORCEMENT"] = "warn" });
        await using var httpDefault = await TwoEndpointsAsync(new() { ["REGISTRY_ENFORCEMENT"] = "warn", ["SchemaEnforcement:Http:Mode"] = "enforce" });
        Assert.Multiple(async () =>
        {
            Assert.That(await StatusAsync(sdkDefault, "/orders"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await StatusAsync(httpDefault, "/orders"), Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        });
    }

    [TestCase("SchemaEnforcement:Http:Endpoints:/orders:Mode")]
    [TestCase("SchemaEnforcement:Http:Endpoints:orders:Mode")]
    [TestCase("SchemaEnforcement:Http:Endpoints:/ORDERS/:Mode")]
    [TestCase("SchemaEnforcement:Http:Endpoints:PlaceOrder:Mode")]
    [TestCase("SchemaEnforcement:Http:Endpoints:/orders")]
    public async Task One_endpoint_stays_in_warn_while_the_others_enforce(string key)
    {
        await using var app = await TwoEndpointsAsync(new() { ["REGISTRY_ENFORCEMENT"] = "enforce", [key] = "warn" });
        Assert.Multiple(async () =>
        {
            Assert.That(await StatusAsync(app, "/orders"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await StatusAsync(app, "/orders/7/amend"), Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        });
    }

    [Test]
    public async Task A_name_wins_over_a_pattern()
    {
        await using var app = await TwoEndpointsAsync(new()
        {
            ["SchemaEnforcement:Http:Endpoints:/orders:Mode"] = "warn",
            ["SchemaEnforcement:Http:Endpoints:PlaceOrder:Mode"] = "enforce",
        });
        Assert.That(await StatusAsync(app, "/orders"), Is.EqualTo(HttpStatusCode.UnprocessableEntity));
    }

    [Test]
    public async Task A_route_pattern_with_parameters_is_matched_by_its_template()
    {
        await using var app = await TwoEndpointsAsync(new() { ["SchemaEnforcement:Http:Endpoints:/orders/{id}/amend:Mode"] = "off" });
        using var response = await app.PostAsync("/orders/42/amend", Schemas.Invalid);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ValidationHeader.Of(response), Is.Null);
        });
    }

    [Test]
    public async Task The_mode_flips_at_run_time_without_a_restart()
    {
        await using var app = await TwoEndpointsAsync(new() { ["REGISTRY_ENFORCEMENT"] = "warn" });
        var before = await StatusAsync(app, "/orders");
        app.Reconfigure("SchemaEnforcement:Http:Endpoints:/orders:Mode", "enforce");
        var enforced = await StatusAsync(app, "/orders");
        var other = await StatusAsync(app, "/orders/1/amend");
        app.Reconfigure("SchemaEnforcement:Http:Endpoints:/orders:Mode", "off");
        using var off = await app.PostAsync("/orders", Schemas.Invalid);
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(enforced, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(other, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ValidationHeader.Of(off), Is.Null);
            Assert.That(app.Logs.WithEventId(1106).Count(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_flip_of_the_sdk_mode_reaches_http_endpoints_too()
    {
        await using var app = await TwoEndpointsAsync(new() { ["REGISTRY_ENFORCEMENT"] = "enforce" });
        var before = await StatusAsync(app, "/orders");
        app.Reconfigure("REGISTRY_ENFORCEMENT", "warn");
        Assert.Multiple(async () =>
        {
            Assert.That(before, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await StatusAsync(app, "/orders"), Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Max_mode_warn_stops_every_rejection_at_once_while_headers_go_on()
    {
        await using var app = await TwoEndpointsAsync(new()
        {
            ["REGISTRY_ENFORCEMENT"] = "enforce",
            ["SchemaEnforcement:Http:Endpoints:AmendOrder:Mode"] = "enforce",
            ["SchemaEnforcement:Http:CanaryPercent"] = "100",
        });
        app.Reconfigure("SchemaEnforcement:Http:MaxMode", "warn");
        using var placed = await app.PostAsync("/orders", Schemas.Invalid);
        using var amended = await app.PostAsync("/orders/1/amend", Schemas.Invalid);
        Assert.Multiple(() =>
        {
            Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(amended.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ValidationHeader.Of(amended)?.Result, Is.EqualTo("invalid"));
            Assert.That(ValidationHeader.Of(amended)?["mode"], Is.EqualTo("warn"));
        });
    }

    [Test]
    public async Task An_invalid_reload_is_refused_and_the_last_valid_policy_stays()
    {
        await using var app = await TwoEndpointsAsync(new() { ["REGISTRY_ENFORCEMENT"] = "enforce" });
        app.Reconfigure("SchemaEnforcement:Http:Endpoints:/orders:Mode", "enforced");
        Assert.Multiple(async () =>
        {
            Assert.That(await StatusAsync(app, "/orders"), Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(app.Logs.WithEventId(1105).Single().Message, Does.Contain("SchemaEnforcement:Http:Endpoints:/orders:Mode must be 'off', 'warn' or 'enforce'"));
        });
    }

    [Test]
    public void Invalid_settings_stop_the_host_at_start_up_naming_every_key()
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () => await TwoEndpointsAsync(new()
        {
            ["SchemaEnforcement:Http:Mode"] = "sometimes",
            ["SchemaEnforcement:Http:CanaryPercent"] = "140",
            ["SchemaEnforcement:Http:MaxBodySize"] = "-1",
            ["SchemaEnforcement:Http:Deprecations:x:Link"] = "not a url",
        }));
        Assert.That(failure!.Failures, Has.Some.Contains("SchemaEnforcement:Http:Mode").And.Some.Contains("CanaryPercent")
            .And.Some.Contains("MaxBodySize").And.Some.Contains("Deprecations:x:Link"));
    }

    [Test]
    public async Task A_group_declaration_applies_to_every_endpoint_and_an_endpoint_declaration_overrides_it()
    {
        var registry = new CoreRegistryClient.Testing.InMemorySchemaRegistry()
            .Add("v1", Schemas.Order, "1.0.0", Schemas.OrderSchema)
            .Add("v1", "orders.Note", "1.0.0", """{"type":"object","required":["text"]}""");
        await using var app = await TestApp.StartAsync(a =>
        {
            var group = a.MapGroup("/desk").ValidateSchema(Schemas.Order);
            group.MapPost("/buy", (Order o) => o);
            group.MapPost("/sell", (Order o) => o);
            group.MapPost("/note", (HttpRequest r) => "noted").ValidateSchema("orders.Note");
        }, registry: registry);
        using var buy = await app.PostAsync("/desk/buy", Schemas.Invalid);
        using var sell = await app.PostAsync("/desk/sell", Schemas.Invalid);
        using var note = await app.PostAsync("/desk/note", """{"text":"hi"}""");
        Assert.Multiple(() =>
        {
            Assert.That(buy.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(sell.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(note.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ValidationHeader.Of(note)?["schema"], Is.EqualTo("orders.Note"));
            Assert.That(app.Metrics.Of("schema_http_validation"), Has.Count.EqualTo(3), "each request validated once");
        });
    }

    [Test]
    public async Task An_endpoint_marked_without_AddHttpValidation_says_what_to_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapPost("/orders", (Order o) => o).ValidateSchema(Schemas.Order);
        var dataSource = ((IEndpointRouteBuilder)app).DataSources.Single();
        var failure = Assert.Throws<InvalidOperationException>(() => _ = dataSource.Endpoints);
        Assert.That(failure!.Message, Does.Contain("AddHttpValidation"));
    }

    [Test]
    public void AddHttpValidation_without_the_sdk_says_to_add_it_first()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddHttpValidation());
        Assert.That(failure!.Message, Does.Contain("AddSchemaEnforcement"));
    }
}
