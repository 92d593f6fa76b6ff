using System.Text.Json;
using CoreRegistryClient.JsonSchema.Keywords;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>A schema resource: a document root or a subschema with its own <c>$id</c>; the unit of base-URI
/// resolution, anchors and dynamic scope.</summary>
internal sealed class SchemaResource
{
    public SchemaResource(string baseUri, SchemaDocument document, JsonElement root, SchemaDraft draft, Vocabularies vocabularies)
    {
        BaseUri = baseUri;
        Document = document;
        Root = root;
        Draft = draft;
        Vocabularies = vocabularies;
    }

    public string BaseUri { get; }

    public SchemaDocument Document { get; }

    /// <summary>The location of the resource root (set as soon as it is indexed).</summary>
    public SchemaLocation RootLocation { get; set; } = null!;

    public JsonElement Root { get; }

    public SchemaDraft Draft { get; }

    public Vocabularies Vocabularies { get; }

    /// <summary><c>$anchor</c>/<c>$dynamicAnchor</c> names (and draft 4-7 fragment ids) to their locations.</summary>
    public Dictionary<string, SchemaLocation> Anchors { get; } = new(StringComparer.Ordinal);

    /// <summary>Names declared with <c>$dynamicAnchor</c> to their locations.</summary>
    public Dictionary<string, SchemaLocation> DynamicAnchorLocations { get; } = new(StringComparer.Ordinal);

    /// <summary>Compiled <c>$dynamicAnchor</c> targets, filled when the graph uses <c>$dynamicRef</c>.</summary>
    public Dictionary<string, SchemaNode> DynamicAnchors { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the resource root says <c>"$recursiveAnchor": true</c>.</summary>
    public bool RecursiveAnchor { get; set; }

    /// <summary>The compiled resource root, filled when the graph uses <c>$recursiveRef</c>.</summary>
    public SchemaNode? RootNode { get; set; }
}
