using System.Text;
using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>Where a (sub)schema sits: its JSON, document, base URI, resource and draft, and its place as a step
/// from its parent location.</summary>
/// <remarks>The JSON Pointer is built only when asked for (an error, an exception): building it for every
/// subschema would cost the square of the nesting depth, and compilation must stay linear in schema size.</remarks>
internal sealed class SchemaLocation(JsonElement element, SchemaDocument document, SchemaLocation? parent, string step, string baseUri, SchemaResource resource)
{
    private string? _pointer;
    private string? _absolute;

    public JsonElement Element { get; } = element;

    public SchemaDocument Document { get; } = document;

    /// <summary>The nearest location above this one (null for a document root).</summary>
    public SchemaLocation? Parent { get; } = parent;

    /// <summary>The escaped pointer segments from <see cref="Parent"/> to here (e.g. <c>/properties/a</c>).</summary>
    public string Step { get; } = step;

    /// <summary>The base URI in effect inside this schema (after its own <c>$id</c>).</summary>
    public string BaseUri { get; } = baseUri;

    public SchemaResource Resource { get; } = resource;

    public SchemaDraft Draft => Resource.Draft;

    /// <summary>The node compiled for this location, once there is one (each location compiles once).</summary>
    public Keywords.SchemaNode? Node { get; set; }

    /// <summary>JSON Pointer from the document root.</summary>
    public string Pointer => _pointer ??= PointerFrom(null);

    /// <summary><c>base#/pointer-inside-the-resource</c>.</summary>
    public string AbsoluteLocation => _absolute ??= Resource.BaseUri + "#" + EscapeForUri(PointerFrom(Resource.RootLocation));

    /// <summary>The pointer from <paramref name="ancestor"/> (or the document root) down to here, built without recursion.</summary>
    private string PointerFrom(SchemaLocation? ancestor)
    {
        if (ReferenceEquals(this, ancestor) || (Parent is null && ancestor is null))
        {
            return ReferenceEquals(this, ancestor) ? "" : Step;
        }

        var steps = new List<string>();
        for (var at = this; at is not null && !ReferenceEquals(at, ancestor); at = at.Parent)
        {
            steps.Add(at.Step);
        }

        var sb = new StringBuilder();
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            sb.Append(steps[i]);
        }

        return sb.ToString();
    }

    private static string EscapeForUri(string pointer)
    {
        if (pointer.Length == 0)
        {
            return pointer;
        }

        var parts = JsonPointer.Parse(pointer);
        return "/" + string.Join('/', parts.Select(JsonPointer.EscapeForUri));
    }
}
