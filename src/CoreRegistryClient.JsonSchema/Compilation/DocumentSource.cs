using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>What a compilation may load besides the embedded meta-schemas, and the check every loaded document
/// passes (the schema depth limit and, when enabled, its meta-schema) before it is indexed.</summary>
internal sealed class DocumentSource(Func<string, SchemaDraft, JsonElement?> registered, Action<string, JsonElement, SchemaDraft> check)
{
    /// <summary>The document registered under <c>uri</c>, checked as a schema of the given fallback draft, or null.</summary>
    public Func<string, SchemaDraft, JsonElement?> Registered { get; } = registered;

    /// <summary>Checks a document supplied by the resolver (throws <see cref="InvalidSchemaException"/>).</summary>
    public Action<string, JsonElement, SchemaDraft> Check { get; } = check;
}
