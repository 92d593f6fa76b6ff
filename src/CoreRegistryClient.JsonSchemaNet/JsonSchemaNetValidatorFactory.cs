using System.Text.Json;
using Json.Schema;
using NetSchema = Json.Schema.JsonSchema;

namespace CoreRegistryClient.JsonSchemaNet;

/// <summary>Compiles schemas with JsonSchema.Net 8.0.5: a fresh schema registry per compilation (so a new version
/// with the same <c>$id</c> never collides with the old one), documents only from the SDK's resolver (never the network).</summary>
internal sealed class JsonSchemaNetValidatorFactory : ISchemaValidatorFactory
{
    private static readonly Uri s_anonymousBase = new("https://schema.invalid/jsonschemanet/schema.json");

    public static JsonSchemaNetValidatorFactory Instance { get; } = new();

    public string Name => "JsonSchema.Net";

    public ISchemaValidator Compile(JsonElement schema, SchemaValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dialect = DialectOf(options.DefaultMetaSchema?.OriginalString);
        RefuseUnsupportedDraft(schema);
        var registry = new SchemaRegistry();
        var build = new BuildOptions { SchemaRegistry = registry, Dialect = dialect };
        if (options.DocumentResolver is { } resolve)
        {
            registry.Fetch = (uri, _) => resolve(uri) is { } text ? NetSchema.FromText(text, build, uri) : null;
        }

        try
        {
            return new JsonSchemaNetValidator(NetSchema.FromText(schema.GetRawText(), build, s_anonymousBase), options.FormatAssertion);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException and not SchemaCompilationException)
        {
            throw new SchemaCompilationException($"JsonSchema.Net could not build the schema: {exception.Message}", exception);
        }
    }

    /// <summary>A draft-04 (or older) <c>$schema</c> is refused by name: JsonSchema.Net would otherwise read it as
    /// an unknown dialect, or evaluate draft-4 keywords (boolean <c>exclusiveMaximum</c>, <c>id</c>) with other meanings.</summary>
    private static void RefuseUnsupportedDraft(JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$schema", out var declared) && declared.ValueKind == JsonValueKind.String
            && IsBeforeDraft6(declared.GetString()!))
        {
            throw Unsupported(declared.GetString()!);
        }
    }

    private static Dialect DialectOf(string? metaSchema)
    {
        if (metaSchema is null) return Dialect.Draft202012;
        if (IsBeforeDraft6(metaSchema)) throw Unsupported(metaSchema);
        return metaSchema.TrimEnd('#') switch
        {
            "http://json-schema.org/draft-06/schema" => Dialect.Draft06,
            "http://json-schema.org/draft-07/schema" => Dialect.Draft07,
            "https://json-schema.org/draft/2019-09/schema" => Dialect.Draft201909,
            "https://json-schema.org/draft/2020-12/schema" => Dialect.Draft202012,
            _ => throw new SchemaCompilationException($"The default meta-schema {metaSchema} is not a draft JsonSchema.Net knows (draft 6, 7, 2019-09, 2020-12)."),
        };
    }

    private static bool IsBeforeDraft6(string metaSchema) =>
        metaSchema.StartsWith("http://json-schema.org/draft-04/", StringComparison.OrdinalIgnoreCase)
        || metaSchema.StartsWith("http://json-schema.org/draft-03/", StringComparison.OrdinalIgnoreCase)
        || metaSchema.StartsWith("https://json-schema.org/draft-04/", StringComparison.OrdinalIgnoreCase);

    private static UnsupportedSchemaDraftException Unsupported(string metaSchema) =>
        new(metaSchema, $"The schema is written for {metaSchema}, which JsonSchema.Net 8 does not implement (it has drafts 6, 7, 2019-09 and 2020-12): keep the SDK's default engine (remove UseJsonSchemaNet) or move the schema to draft 6 or later.");
}
