using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>A loaded schema document within one compilation.</summary>
internal sealed class SchemaDocument(int id, string uri, JsonElement root)
{
    public int Id { get; } = id;

    /// <summary>The URI the document was loaded from (or generated).</summary>
    public string Uri { get; } = uri;

    public JsonElement Root { get; } = root;
}
