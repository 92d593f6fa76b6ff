using System.Text.Json;
using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.AspNetCore.Tests.TestSupport;

/// <summary>The published JSON Schemas of the problem responses, read from the repository's docs, and a check of
/// a response body against them with the project's own engine.</summary>
internal static class ProblemSchemas
{
    public static string Directory => Path.Combine(RepoPaths.Root, "docs", "http-validation");

    public static string InvalidPath => Path.Combine(Directory, "request-body-invalid.schema.json");

    public static string MalformedPath => Path.Combine(Directory, "request-body-malformed.schema.json");

    private static readonly Lazy<JsonSchemaValidator> InvalidValidator = new(() => JsonSchemaValidator.Parse(File.ReadAllText(InvalidPath)));
    private static readonly Lazy<JsonSchemaValidator> MalformedValidator = new(() => JsonSchemaValidator.Parse(File.ReadAllText(MalformedPath)));

    public static IReadOnlyList<ValidationError> ErrorsAgainstInvalidShape(string json) => InvalidValidator.Value.Validate(json).Errors;

    public static IReadOnlyList<ValidationError> ErrorsAgainstMalformedShape(string json) => MalformedValidator.Value.Validate(json).Errors;

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
