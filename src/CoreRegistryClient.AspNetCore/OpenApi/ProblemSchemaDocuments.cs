namespace CoreRegistryClient.AspNetCore.OpenApi;

/// <summary>The published JSON Schemas of the two validation problems, embedded from <c>docs/http-validation/</c>: the
/// OpenAPI document serves these very files, so the docs, the document and the responses cannot drift apart.</summary>
internal static class ProblemSchemaDocuments
{
    public const string InvalidComponent = "RequestBodyInvalidProblem";
    public const string MalformedComponent = "RequestBodyMalformedProblem";

    public static string Invalid { get; } = Read("request-body-invalid.schema.json");

    public static string Malformed { get; } = Read("request-body-malformed.schema.json");

    private static string Read(string file)
    {
        using var stream = typeof(ProblemSchemaDocuments).Assembly.GetManifestResourceStream("ProblemSchemas/" + file)
            ?? throw new InvalidOperationException($"Embedded problem schema {file} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
