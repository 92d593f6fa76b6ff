using System.Net;
using System.Text.Json;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;

namespace CoreRegistryClient.AspNetCore.Tests.Validation;

/// <summary>Enforce mode: valid bodies reach the handler bound as usual; everything else gets a problem response.</summary>
public class EnforceModeTests
{
    [Test]
    public async Task A_valid_body_reaches_the_handler_bound_normally_with_a_valid_header()
    {
        await using var app = await TestApp.WithOrdersAsync();
        using var response = await app.PostAsync("/orders", Schemas.Valid);
        var header = ValidationHeader.Of(response);
        var order = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(order.GetProperty("order_id").GetString(), Is.EqualTo("A-1"));
            Assert.That(order.GetProperty("quantity").GetInt32(), Is.EqualTo(5));
            Assert.That(header?.Result, Is.EqualTo("valid"));
            Assert.That(header?["schema"], Is.EqualTo(Schemas.Order));
            Assert.That(header?["version"], Is.EqualTo("1.0.0"));
            Assert.That(header?["track"], Is.EqualTo("v1"));
            Assert.That(header?["id"], Is.EqualTo("urn:orders:placed:1"));
            Assert.That(header?["mode"], Is.EqualTo("enforce"));
        });
    }

    [Test]
    public async Task An_invalid_body_gets_422_problem_json_of_the_published_shape_without_payload_values()
    {
        await using var app = await TestApp.WithOrdersAsync();
        using var response = await app.PostAsync("/orders", Schemas.Invalid);
        var text = await response.Content.ReadAsStringAsync();
        var problem = ProblemSchemas.Parse(text);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(ProblemSchemas.ErrorsAgainstInvalidShape(text), Is.Empty, text);
            Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo(SchemaValidationProblemTypes.InvalidBody));
            Assert.That(problem.GetProperty("instance").GetString(), Is.EqualTo("/orders"));
            Assert.That(problem.GetProperty("schema").GetProperty("id").GetString(), Is.EqualTo("urn:orders:placed:1"));
            Assert.That(problem.GetProperty("schema").GetProperty("version").GetString(), Is.EqualTo("1.0.0"));
            Assert.That(problem.GetProperty("schema").GetProperty("track").GetString(), Is.EqualTo("v1"));
            Assert.That(problem.GetProperty("traceId").GetString(), Is.Not.Empty);
            Assert.That(problem.GetProperty("errorCount").GetInt32(), Is.EqualTo(2));
            Assert.That(problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("instanceLocation").GetString()), Is.EquivalentTo(new[] { "/quantity", "/side" }));
            Assert.That(problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("keywordLocation").GetString()),
                Is.EquivalentTo(new[] { "/properties/quantity/minimum", "/properties/side/enum" }));
            Assert.That(text, Does.Not.Contain(Schemas.SecretValue));
            Assert.That(ValidationHeader.Of(response)?["errors"], Is.EqualTo("2"));
        });
    }

    [Test]
    public async Task The_listed_errors_are_capped_and_the_count_says_how_many_there_were()
    {
        await using var app = await TestApp.WithOrdersAsync(new Dictionary<string, string?> { ["SchemaEnforcement:Http:MaxErrors"] = "5" });
        using var response = await app.PostAsync("/orders", Schemas.WithErrors(12));
        var text = await response.Content.ReadAsStringAsync();
        var problem = ProblemSchemas.Parse(text);
        Assert.Multiple(() =>
        {
            Assert.That(ProblemSchemas.ErrorsAgainstInvalidShape(text), Is.Empty, text);
            Assert.That(problem.GetProperty("errorCount").GetInt32(), Is.EqualTo(12));
            Assert.That(problem.GetProperty("errors").GetArrayLength(), Is.EqualTo(5));
            Assert.That(problem.GetProperty("errorsTruncated").GetBoolean(), Is.True);
        });
    }

    [TestCase("{\"order_id\":\"A-1\",", "malformed_json")]
    [TestCase("{\"order_id\":\"A-1\"} trailing", "malformed_json")]
    public async Task Malformed_json_gets_400_of_a_distinct_type(string body, string reason)
    {
        await using var app = await TestApp.WithOrdersAsync();
        using var response = await app.PostAsync("/orders", body);
        await AssertMalformedAsync(response, reason);
    }

    [Test]
    public async Task Invalid_utf8_gets_400_with_reason_invalid_utf8()
    {
        await using var app = await TestApp.WithOrdersAsync();
        byte[] body = [.. "{\"order_id\":\""u8, 0xC3, 0x28, .. "\",\"quantity\":1,\"side\":\"buy\"}"u8];
        using var response = await app.PostAsync("/orders", body);
        await AssertMalformedAsync(response, "invalid_utf8");
    }

    [Test]
    public async Task Deep_nesting_gets_400_with_reason_too_deep()
    {
        await using var app = await TestApp.WithOrdersAsync();
        using var response = await app.PostAsync("/orders", new string('[', 10_000) + new string(']', 10_000));
        await AssertMalformedAsync(response, "too_deep");
    }

    [Test]
    public async Task An_empty_body_is_a_validation_error()
    {
        await using var app = await TestApp.WithOrdersAsync();
        using var response = await app.PostAsync("/orders", []);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(ProblemSchemas.ErrorsAgainstInvalidShape(text), Is.Empty, text);
            Assert.That(ProblemSchemas.Parse(text).GetProperty("errors")[0].GetProperty("message").GetString(), Does.Contain("empty"));
        });
    }

    [Test]
    public async Task A_problem_response_never_reaches_the_handler()
    {
        var calls = 0;
        await using var app = await TestApp.StartAsync(a => a.MapPost("/orders", (Order _) => { Interlocked.Increment(ref calls); return "ok"; }).ValidateSchema(Schemas.Order));
        using var invalid = await app.PostAsync("/orders", Schemas.Invalid);
        using var malformed = await app.PostAsync("/orders", "{");
        using var valid = await app.PostAsync("/orders", Schemas.Valid);
        Assert.That(calls, Is.EqualTo(1));
    }

    private static async Task AssertMalformedAsync(HttpResponseMessage response, string reason)
    {
        var text = await response.Content.ReadAsStringAsync();
        var problem = ProblemSchemas.Parse(text);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(ProblemSchemas.ErrorsAgainstMalformedShape(text), Is.Empty, text);
            Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo(SchemaValidationProblemTypes.MalformedBody));
            Assert.That(problem.GetProperty("type").GetString(), Is.Not.EqualTo(SchemaValidationProblemTypes.InvalidBody));
            Assert.That(problem.GetProperty("reason").GetString(), Is.EqualTo(reason));
            Assert.That(ValidationHeader.Of(response)?.Result, Is.EqualTo("malformed"));
        });
    }
}
