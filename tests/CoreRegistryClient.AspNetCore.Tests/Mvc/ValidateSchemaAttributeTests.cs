using System.Net;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc;

namespace CoreRegistryClient.AspNetCore.Tests.Mvc;

/// <summary>The MVC attribute means what <c>.ValidateSchema</c> means: validation before model binding.</summary>
public class ValidateSchemaAttributeTests
{
    private static Task<TestApp> MvcAppAsync(string mode = "enforce") => TestApp.StartAsync(
        app => app.MapControllers(),
        new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = mode },
        configure: builder => builder.Services.AddControllers()
            .AddApplicationPart(typeof(ValidateSchemaAttributeTests).Assembly)
            .AddJsonOptions(o => o.JsonSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower));

    [Test]
    public async Task An_invalid_body_gets_the_422_problem_before_model_binding_and_the_action_is_not_run()
    {
        await using var app = await MvcAppAsync();
        using var response = await app.PostAsync("/mvc/orders", Schemas.Invalid);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(ProblemSchemas.ErrorsAgainstInvalidShape(text), Is.Empty, text);
            Assert.That(response.Headers.Contains("X-Action"), Is.False, "the action did not run");
        });
    }

    [Test]
    public async Task A_valid_body_is_bound_by_mvc_as_usual()
    {
        await using var app = await MvcAppAsync();
        using var response = await app.PostAsync("/mvc/orders", Schemas.Valid);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("A-1 x5"));
            Assert.That(ValidationHeader.Of(response)?.Result, Is.EqualTo("valid"));
        });
    }

    [Test]
    public async Task A_controller_attribute_applies_to_its_actions_and_an_action_attribute_overrides_it()
    {
        await using var app = await MvcAppAsync();
        using var inherited = await app.PostAsync("/mvc/desk/order", Schemas.Invalid);
        using var overridden = await app.PostAsync("/mvc/desk/note", """{"text":"hello"}""");
        Assert.Multiple(() =>
        {
            Assert.That(inherited.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(ValidationHeader.Of(overridden)?["schema"], Is.EqualTo("orders.Note"));
            Assert.That(app.Metrics.Of("schema_http_validation"), Has.Count.EqualTo(2), "each request validated once");
        });
    }

    [Test]
    public async Task Malformed_json_gets_the_400_problem_not_mvcs_own_model_state_error()
    {
        await using var app = await MvcAppAsync();
        using var response = await app.PostAsync("/mvc/orders", "{\"order_id\":");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(ProblemSchemas.ErrorsAgainstMalformedShape(text), Is.Empty, text);
    }

    [Test]
    public async Task Warn_mode_runs_the_action_with_the_header()
    {
        await using var app = await MvcAppAsync("warn");
        using var response = await app.PostAsync("/mvc/orders", Schemas.Invalid);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ValidationHeader.Of(response)?.Result, Is.EqualTo("invalid"));
        });
    }
}

[ApiController]
public sealed class OrdersController : ControllerBase
{
    [HttpPost("/mvc/orders")]
    [ValidateSchema(Schemas.Order)]
    public string Place(Order order)
    {
        Response.Headers["X-Action"] = "place";
        return $"{order.OrderId} x{order.Quantity}";
    }
}

[ApiController]
[ValidateSchema(Schemas.Order)]
public sealed class DeskController : ControllerBase
{
    [HttpPost("/mvc/desk/order")]
    public string Place(Order order)
    {
        Response.Headers["X-Action"] = "place";
        return order.OrderId ?? "";
    }

    [HttpPost("/mvc/desk/note")]
    [ValidateSchema("orders.Note")]
    public string Note([FromBody] System.Text.Json.JsonElement note)
    {
        Response.Headers["X-Action"] = "note";
        return note.GetProperty("text").GetString() ?? "";
    }
}
