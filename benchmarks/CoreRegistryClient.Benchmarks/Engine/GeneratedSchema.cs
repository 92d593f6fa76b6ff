using System.Globalization;
using System.Text;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>Large, realistic schemas made up for the compile benchmarks, shaped like the big public ones (cloud
/// resource catalogues, API specifications): many <c>$defs</c> that <c>$ref</c> each other (forwards, backwards and
/// in cycles), nested object properties, long descriptions, enums, patterns, formats, arrays of references,
/// <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c>, and every 25th definition a wide one with 120 properties (the shape that
/// makes a property lookup by name quadratic). No third-party schema is committed; these stand in for them.</summary>
internal static class GeneratedSchema
{
    /// <summary>The generated benchmark schemas by name: about 100 KB and about 2.7 MB of JSON.</summary>
    public static IReadOnlyDictionary<string, int> Sizes { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["generated-100KB"] = 38,
        ["generated-2.7MB"] = 1_040,
    };

    /// <summary>The named generated schema (a key of <see cref="Sizes"/>).</summary>
    public static string Named(string name) => Create(Sizes[name]);

    /// <summary>A schema with <paramref name="definitions"/> definitions (about 2.6 KB each: 38 make 105 KB, 1,040 make 2.7 MB); deterministic.</summary>
    public static string Create(int definitions)
    {
        var sb = new StringBuilder(definitions * 1_800);
        sb.Append("""{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://schemas.example.com/generated.json","title":"Generated catalogue","type":"object","$defs":{""");
        for (var d = 0; d < definitions; d++)
        {
            if (d > 0)
            {
                sb.Append(',');
            }

            Definition(sb, d, definitions);
        }

        sb.Append("""},"required":["kind"],"properties":{"kind":{"type":"string","enum":["catalogue"]},"items":{"type":"array","items":{"anyOf":[""");
        for (var d = 0; d < definitions; d += Math.Max(1, definitions / 40))
        {
            sb.Append(d == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{"$ref":"#/$defs/Resource{{d}}"}""");
        }

        sb.Append("]}}}}");
        return sb.ToString();
    }

    private static void Definition(StringBuilder sb, int d, int definitions)
    {
        // References forwards, backwards and around: every definition is reachable, and the graph has long cycles.
        var next = (d + 1) % definitions;
        var previous = (d + definitions - 1) % definitions;
        var far = (d * 7 + 3) % definitions;
        sb.Append("""
            "Resource@D@":{"type":"object","title":"Resource @D@","description":"Resource type @D@ of the generated catalogue. Properties describe its identity, its lifecycle, the tags it carries and how it links to other resource types; unknown properties are rejected.","required":["id","name","state"],"additionalProperties":false,
            "properties":{
            "id":{"type":"string","format":"uuid","description":"Stable identifier."},
            "name":{"type":"string","minLength":1,"maxLength":64,"pattern":"^[A-Za-z][A-Za-z0-9_.-]{0,63}$","description":"Human-readable name, unique per account."},
            "state":{"type":"string","enum":["new","pending","active","degraded","suspended","closed","archived","deleted"]},
            "region":{"type":"string","enum":["us-east-1","us-east-2","us-west-1","us-west-2","eu-west-1","eu-central-1","ap-south-1","ap-northeast-1"],"default":"us-east-1"},
            "count":{"type":"integer","minimum":0,"maximum":1000000},
            "ratio":{"type":"number","exclusiveMinimum":0,"maximum":1,"multipleOf":0.001},
            "createdAt":{"type":"string","format":"date-time"},
            "owner":{"type":"string","format":"email"},
            "tags":{"type":"array","maxItems":50,"uniqueItems":true,"items":{"type":"object","required":["key"],"additionalProperties":false,"properties":{"key":{"type":"string","pattern":"^[a-z0-9:_-]{1,128}$"},"value":{"type":"string","maxLength":256}}}},
            "settings":{"type":"object","properties":{"retries":{"type":"integer","minimum":0,"maximum":10},"timeout":{"type":"string","pattern":"^[0-9]+(ms|s|m)$"},"endpoint":{"type":"string","format":"uri"},"limits":{"type":"object","properties":{"cpu":{"type":"number","minimum":0},"memory":{"type":"integer","minimum":1}},"additionalProperties":{"type":"string"}}}},
            "next":{"$ref":"#/$defs/Resource@NEXT@"},
            "previous":{"type":"array","items":{"$ref":"#/$defs/Resource@PREVIOUS@"}},
            "link":{"oneOf":[{"type":"null"},{"$ref":"#/$defs/Resource@FAR@"},{"type":"string","format":"uri-reference"}]},
            "condition":{"anyOf":[{"type":"boolean"},{"type":"object","required":["if"],"properties":{"if":{"type":"string"},"then":{"type":"string"}}}]}
            """
            .Replace("@D@", Text(d), StringComparison.Ordinal)
            .Replace("@NEXT@", Text(next), StringComparison.Ordinal)
            .Replace("@PREVIOUS@", Text(previous), StringComparison.Ordinal)
            .Replace("@FAR@", Text(far), StringComparison.Ordinal));
        if (d % 25 == 0)
        {
            for (var p = 0; p < 120; p++)
            {
                sb.Append(CultureInfo.InvariantCulture, $$""","option{{p}}":{"type":["string","null"],"maxLength":{{64 + p}},"description":"Option {{p}} of resource type {{d}}."}""");
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $$"""},"allOf":[{"$ref":"#/$defs/Resource{{far}}/properties/settings"}]}""");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
