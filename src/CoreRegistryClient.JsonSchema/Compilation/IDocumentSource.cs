using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>What a compilation may load besides the embedded meta-schemas, and the check every loaded document
/// passes (the schema depth limit and, when enabled, its meta-schema) before it is indexed. The compiler is one.</summary>
internal interface IDocumentSource
{
    /// <summary>The document registered under <paramref name="uri"/>, checked as a schema of the given fallback draft, or null.</summary>
    JsonElement? Registered(string uri, SchemaDraft fallbackDraft);

    /// <summary>Checks a document supplied by the resolver (throws <see cref="InvalidSchemaException"/>).</summary>
    void Check(string uri, JsonElement root, SchemaDraft fallbackDraft);
}
