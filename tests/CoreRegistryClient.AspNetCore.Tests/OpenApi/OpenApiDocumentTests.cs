using System.Text.Json;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;

namespace CoreRegistryClient.AspNetCore.Tests.OpenApi;

/// <summary>A validating endpoint in the OpenAPI document: the registry schema of its body, the result and
/// deprecation headers, both problem responses whose shapes are the published JSON Schemas.</summary>
public class OpenApiDocumentTests
{
    [Test]
    public async Task Validating_endpoints_show_the_schema_headers_and_both_problems_and_others_do_not()
    {
        await using var app = await TestApp.StartAsync(a =>
        {
            a.MapOpenApi();
            a.MapPost("/orders", (Order o) => o).ValidateSchema(Schemas.Order);
            a.MapPost("/plain", (Order o) => o);
        }, configure: builder => builder.Services.AddOpenApi());
        using var document = JsonDocument.Parse(await app.Client.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var orders = root.GetProperty("paths").GetProperty("/orders").GetProperty("post");
        var plain = root.GetProperty("paths").GetProperty("/plain").GetProperty("post");
        var schemas = root.GetProperty("components").GetProperty("schemas");
        Assert.Multiple(() =>
        {
            Assert.That(orders.GetProperty("requestBody").GetProperty("x-schema-registry").GetProperty("name").GetString(), Is.EqualTo(Schemas.Order));
            Assert.That(orders.GetProperty("responses").GetProperty("200").GetProperty("headers").EnumerateObject().Select(h => h.Name),
                Is.SupersetOf(new[] { "Schema-Validation", "Deprecation", "Sunset" }));
            Assert.That(Ref(orders, "422"), Is.EqualTo("#/components/schemas/RequestBodyInvalidProblem"));
            Assert.That(Ref(orders, "400"), Is.EqualTo("#/components/schemas/RequestBodyMalformedProblem"));
            Assert.That(orders.GetProperty("responses").TryGetProperty("413", out _), Is.True);
            Assert.That(plain.GetProperty("responses").TryGetProperty("422", out _), Is.False);
            Assert.That(plain.GetProperty("requestBody").TryGetProperty("x-schema-registry", out _), Is.False);
            Assert.That(schemas.GetProperty("RequestBodyInvalidProblem").GetProperty("properties").GetProperty("errors").GetProperty("items")
                .GetProperty("required").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "instanceLocation", "keywordLocation", "message" }));
            Assert.That(schemas.GetProperty("RequestBodyMalformedProblem").GetProperty("properties").GetProperty("type").GetProperty("const").GetString(),
                Is.EqualTo(SchemaValidationProblemTypes.MalformedBody));
        });
    }

    [Test]
    public void The_published_problem_schemas_name_the_problem_types_the_package_writes()
    {
        using var invalid = JsonDocument.Parse(File.ReadAllText(ProblemSchemas.InvalidPath));
        using var malformed = JsonDocument.Parse(File.ReadAllText(ProblemSchemas.MalformedPath));
        Assert.Multiple(() =>
        {
            Assert.That(invalid.RootElement.GetProperty("properties").GetProperty("type").GetProperty("const").GetString(), Is.EqualTo(SchemaValidationProblemTypes.InvalidBody));
            Assert.That(malformed.RootElement.GetProperty("properties").GetProperty("type").GetProperty("const").GetString(), Is.EqualTo(SchemaValidationProblemTypes.MalformedBody));
        });
    }

    private static string? Ref(JsonElement operation, string status) =>
        operation.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
}
