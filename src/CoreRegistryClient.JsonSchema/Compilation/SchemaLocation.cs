using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>Where a (sub)schema sits: its JSON, document pointer, base URI, resource and draft.</summary>
internal sealed class SchemaLocation(JsonElement element, SchemaDocument document, string pointer, string baseUri, SchemaResource resource)
{
    public JsonElement Element { get; } = element;

    public SchemaDocument Document { get; } = document;

    public string Pointer { get; } = pointer;

    /// <summary>The base URI in effect inside this schema (after its own <c>$id</c>).</summary>
    public string BaseUri { get; } = baseUri;

    public SchemaResource Resource { get; } = resource;

    public SchemaDraft Draft => Resource.Draft;

    /// <summary><c>base#/pointer-inside-the-resource</c>.</summary>
    public string AbsoluteLocation => Resource.BaseUri + "#" + EscapePointer(Pointer[Math.Min(Resource.Pointer.Length, Pointer.Length)..]);

    private static string EscapePointer(string pointer)
    {
        if (pointer.Length == 0)
        {
            return pointer;
        }

        var parts = JsonPointer.Parse(pointer);
        return "/" + string.Join('/', parts.Select(JsonPointer.EscapeForUri));
    }
}
