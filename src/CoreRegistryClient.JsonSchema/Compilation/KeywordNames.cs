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

    private static readonly string[] s_keywords =
    [
        "$schema", "$id", "id", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$ref", "$dynamicRef", "$recursiveRef",
        "$vocabulary", "$comment", "$defs", "definitions",
        "type", "enum", "const", "multipleOf", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
        "maxProperties", "minProperties", "required", "dependentRequired", "dependencies", "dependentSchemas",
        "properties", "patternProperties", "additionalProperties", "propertyNames", "items", "prefixItems",
        "additionalItems", "contains", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "unevaluatedProperties", "unevaluatedItems", "format", "contentMediaType", "contentEncoding", "contentSchema",
        "title", "description", "default", "examples", "readOnly", "writeOnly", "deprecated",
    ];

    private static readonly FrozenDictionary<string, (string Name, string Step)> s_names
        = s_keywords.ToFrozenDictionary(static name => name, static name => (name, "/" + name), StringComparer.Ordinal);

    private static readonly byte[][] s_utf8 = [.. s_keywords.Select(Encoding.UTF8.GetBytes)];

    // Open addressing on the raw UTF-8 name (index + 1 into s_keywords; 0 is empty): a few byte reads and one
    // comparison find a keyword, where transcoding the name and hashing it as a string cost more than the rest of
    // reading a property (this runs for every member of every schema object, twice).
    private const int TableSize = 256;
    private static readonly byte[] s_table = BuildTable();

    /// <summary>The property's name, shared when it is a keyword (a new string otherwise).</summary>
    public static string Name(JsonProperty property) => TryGet(property, out var name) ? name : property.Name;

    /// <summary>The JSON Pointer step (<c>/name</c>, escaped) for a property name.</summary>
    public static string Step(string name) => s_names.TryGetValue(name, out var known) ? known.Step : "/" + JsonPointer.Escape(name);

    /// <summary>Finds a keyword by the property's raw UTF-8 name without allocating or transcoding; a name written
    /// with escapes is not found here and is read the ordinary way.</summary>
    private static bool TryGet(JsonProperty property, out string name)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        name = "";
        if (raw.Length is 0 or > LongestName)
        {
            return false;
        }

        for (var slot = Hash(raw); ; slot = (slot + 1) & (TableSize - 1))
        {
            var entry = s_table[slot];
            if (entry == 0)
            {
                return false;
            }

            if (raw.SequenceEqual(s_utf8[entry - 1]))
            {
                name = s_keywords[entry - 1];
                return true;
            }
        }
    }

    private static int Hash(ReadOnlySpan<byte> raw) => ((raw.Length * 37) + (raw[0] * 11) + (raw[raw.Length / 2] * 5) + raw[^1]) & (TableSize - 1);

    private static byte[] BuildTable()
    {
        var table = new byte[TableSize];
        for (var i = 0; i < s_utf8.Length; i++)
        {
            var slot = Hash(s_utf8[i]);
            while (table[slot] != 0)
            {
                slot = (slot + 1) & (TableSize - 1);
            }

            table[slot] = (byte)(i + 1);
        }

        return table;
    }
}
