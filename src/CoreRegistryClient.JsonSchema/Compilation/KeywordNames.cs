using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>The keyword names of every draft as shared strings, with their JSON Pointer steps. Schema objects repeat
/// a few dozen names, and reading each property name as a new string (twice: indexing, then building) was a large
/// share of what a small schema's compilation allocates.</summary>
internal static class KeywordNames
{
    private const int LongestName = 24;

    private static readonly FrozenDictionary<string, (string Name, string Step)> s_names = new[]
    {
        "$schema", "$id", "id", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$ref", "$dynamicRef", "$recursiveRef",
        "$vocabulary", "$comment", "$defs", "definitions",
        "type", "enum", "const", "multipleOf", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
        "maxProperties", "minProperties", "required", "dependentRequired", "dependencies", "dependentSchemas",
        "properties", "patternProperties", "additionalProperties", "propertyNames", "items", "prefixItems",
        "additionalItems", "contains", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "unevaluatedProperties", "unevaluatedItems", "format", "contentMediaType", "contentEncoding", "contentSchema",
        "title", "description", "default", "examples", "readOnly", "writeOnly", "deprecated",
    }.ToFrozenDictionary(static name => name, static name => (name, "/" + name), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, (string Name, string Step)>.AlternateLookup<ReadOnlySpan<char>> s_byChars
        = s_names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The property's name, shared when it is a keyword (a new string otherwise).</summary>
    public static string Name(JsonProperty property) => TryGet(property, out var name) ? name : property.Name;

    /// <summary>The JSON Pointer step (<c>/name</c>, escaped) for a property name.</summary>
    public static string Step(string name) => s_names.TryGetValue(name, out var known) ? known.Step : "/" + JsonPointer.Escape(name);

    /// <summary>Finds a keyword by the property's raw UTF-8 name without allocating; a name written with escapes is
    /// not found here and is read the ordinary way.</summary>
    private static bool TryGet(JsonProperty property, out string name)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        Span<char> chars = stackalloc char[LongestName];
        if (raw.Length <= LongestName && Ascii.ToUtf16(raw, chars, out var written) == System.Buffers.OperationStatus.Done
            && s_byChars.TryGetValue(chars[..written], out var known))
        {
            name = known.Name;
            return true;
        }

        name = "";
        return false;
    }
}
