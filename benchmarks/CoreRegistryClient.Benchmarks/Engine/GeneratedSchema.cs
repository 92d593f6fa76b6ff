using System.Globalization;
using System.Text;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>A large, realistic schema made up for the compile benchmarks: <c>definitions</c> of objects whose
/// properties use every common keyword (types, bounds, patterns, enums, formats, arrays, references to other
/// definitions, oneOf), so compile cost can be compared at a size no corpus schema has.</summary>
internal static class GeneratedSchema
{
    public static string Create(int definitions)
    {
        var sb = new StringBuilder();
        sb.Append("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$id\":\"https://schemas.example.com/generated.json\",\"type\":\"object\",\"$defs\":{");
        for (var d = 0; d < definitions; d++)
        {
            if (d > 0)
            {
                sb.Append(',');
            }

            var i = d.ToString(CultureInfo.InvariantCulture);
            var next = ((d + 1) % definitions).ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $$"""
                "Def{{i}}":{"type":"object","description":"Definition {{i}}","required":["id","name"],"additionalProperties":false,"properties":{
                "id":{"type":"string","format":"uuid"},
                "name":{"type":"string","minLength":1,"maxLength":64,"pattern":"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"},
                "count":{"type":"integer","minimum":0,"maximum":1000000},
                "ratio":{"type":"number","exclusiveMinimum":0,"multipleOf":0.01},
                "state":{"enum":["new","active","closed","archived"]},
                "at":{"type":"string","format":"date-time"},
                "tags":{"type":"array","items":{"type":"string","maxLength":32},"uniqueItems":true,"maxItems":16},
                "next":{"$ref":"#/$defs/Def{{next}}"},
                "choice":{"oneOf":[{"type":"null"},{"type":"string","format":"email"},{"type":"object","properties":{"uri":{"type":"string","format":"uri"
                """).Append("}}}]}}}");
        }

        sb.Append("},\"properties\":{\"root\":{\"$ref\":\"#/$defs/Def0\"}}}");
        return sb.ToString();
    }
}
