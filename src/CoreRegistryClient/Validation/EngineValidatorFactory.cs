using System.Text.Json;
using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Validation;

/// <summary>The default backend: the SDK's own engine (CoreRegistryClient.JsonSchema), registered with <c>TryAdd</c>.</summary>
internal sealed class EngineValidatorFactory : ISchemaValidatorFactory
{
    public static EngineValidatorFactory Instance { get; } = new();

    public string Name => "CoreRegistryClient.JsonSchema";

    /// <summary>A fresh compiler per schema, so a new version with the same <c>$id</c> never collides with the old
    /// one. Error messages never quote payload values.</summary>
    public ISchemaValidator Compile(JsonElement schema, SchemaValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engineOptions = new JsonSchemaOptions
        {
            FormatAssertion = options.FormatAssertion,
            IncludeValuesInMessages = false,
            DefaultDraft = options.DefaultMetaSchema is { } meta ? DraftOf(meta) : SchemaDraft.Draft202012,
            DocumentResolver = options.DocumentResolver is { } resolve ? new DelegateResolver(resolve) : null,
        };
        try
        {
            return new EngineValidator(new JsonSchemaCompiler(engineOptions).Compile(schema));
        }
        catch (InvalidSchemaException exception)
        {
            throw new SchemaCompilationException(exception.Message, exception);
        }
    }

    private static SchemaDraft DraftOf(Uri metaSchema) => metaSchema.OriginalString.TrimEnd('#') switch
    {
        "http://json-schema.org/draft-04/schema" => SchemaDraft.Draft4,
        "http://json-schema.org/draft-06/schema" => SchemaDraft.Draft6,
        "http://json-schema.org/draft-07/schema" => SchemaDraft.Draft7,
        "https://json-schema.org/draft/2019-09/schema" => SchemaDraft.Draft201909,
        "https://json-schema.org/draft/2020-12/schema" => SchemaDraft.Draft202012,
        _ => throw new SchemaCompilationException($"The default meta-schema {metaSchema} is not a draft the engine knows (draft 4, 6, 7, 2019-09, 2020-12)."),
    };

    private sealed class DelegateResolver(Func<Uri, string?> resolve) : ISchemaDocumentResolver
    {
        public string? Resolve(Uri documentUri) => resolve(documentUri);
    }
}
