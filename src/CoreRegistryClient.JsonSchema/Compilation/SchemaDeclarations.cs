using System.Runtime.InteropServices;
using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>The members of one schema object that say where it sits (<c>$ref</c>, <c>$id</c>/<c>id</c>,
/// <c>$schema</c> and the anchors), read in one pass over its members. Looking each up by name scanned the whole
/// object once per name, for every schema object indexed, and transcoded the name every time.</summary>
/// <remarks>A repeated name keeps its last occurrence, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>
/// finds it; a name written with escapes is compared unescaped, as there.</remarks>
internal readonly struct SchemaDeclarations
{
    public JsonElement? Ref { get; private init; }

    public JsonElement? Id { get; private init; }

    /// <summary>Draft 4's <c>id</c>.</summary>
    public JsonElement? LegacyId { get; private init; }

    public JsonElement? Schema { get; private init; }

    public JsonElement? Anchor { get; private init; }

    public JsonElement? DynamicAnchor { get; private init; }

    public JsonElement? RecursiveAnchor { get; private init; }

    /// <summary>Reads the declarations of <paramref name="schema"/>, a JSON object.</summary>
    public static SchemaDeclarations Read(JsonElement schema)
    {
        JsonElement? reference = null, id = null, legacyId = null, declaredSchema = null, anchor = null, dynamicAnchor = null, recursiveAnchor = null;
        foreach (var property in schema.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            // Every name read here starts with '$' or 'i', or with an escape.
            if (raw.Length < 2 || (raw[0] != (byte)'$' && raw[0] != (byte)'i' && raw[0] != (byte)'\\'))
            {
                continue;
            }

            switch (raw.IndexOf((byte)'\\') < 0 ? Kind(raw) : Kind(property.Name))
            {
                case Declaration.Ref: reference = property.Value; break;
                case Declaration.Id: id = property.Value; break;
                case Declaration.LegacyId: legacyId = property.Value; break;
                case Declaration.Schema: declaredSchema = property.Value; break;
                case Declaration.Anchor: anchor = property.Value; break;
                case Declaration.DynamicAnchor: dynamicAnchor = property.Value; break;
                case Declaration.RecursiveAnchor: recursiveAnchor = property.Value; break;
                default: break;
            }
        }

        return new SchemaDeclarations
        {
            Ref = reference,
            Id = id,
            LegacyId = legacyId,
            Schema = declaredSchema,
            Anchor = anchor,
            DynamicAnchor = dynamicAnchor,
            RecursiveAnchor = recursiveAnchor,
        };
    }

    private static Declaration Kind(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("$ref"u8) => Declaration.Ref,
        _ when name.SequenceEqual("$id"u8) => Declaration.Id,
        _ when name.SequenceEqual("id"u8) => Declaration.LegacyId,
        _ when name.SequenceEqual("$schema"u8) => Declaration.Schema,
        _ when name.SequenceEqual("$anchor"u8) => Declaration.Anchor,
        _ when name.SequenceEqual("$dynamicAnchor"u8) => Declaration.DynamicAnchor,
        _ when name.SequenceEqual("$recursiveAnchor"u8) => Declaration.RecursiveAnchor,
        _ => Declaration.None,
    };

    private static Declaration Kind(string name) => name switch
    {
        "$ref" => Declaration.Ref,
        "$id" => Declaration.Id,
        "id" => Declaration.LegacyId,
        "$schema" => Declaration.Schema,
        "$anchor" => Declaration.Anchor,
        "$dynamicAnchor" => Declaration.DynamicAnchor,
        "$recursiveAnchor" => Declaration.RecursiveAnchor,
        _ => Declaration.None,
    };

    private enum Declaration
    {
        None,
        Ref,
        Id,
        LegacyId,
        Schema,
        Anchor,
        DynamicAnchor,
        RecursiveAnchor,
    }
}
