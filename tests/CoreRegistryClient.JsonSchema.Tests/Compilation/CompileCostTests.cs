using System.Globalization;
using System.Text;
using Json.Schema;

namespace CoreRegistryClient.JsonSchema.Tests.Compilation;

/// <summary>Issue 10 §5: compiling costs no more than the fastest peer, and grows linearly with the schema. Measured
/// as allocated bytes (exact whatever the machine's load); time is compared in the benchmarks.</summary>
[TestFixture]
public sealed class CompileCostTests
{
    [TestCase(BenchCorpus.FeedbackEvent)]
    [TestCase(BenchCorpus.BarBatch)]
    [TestCase(BenchCorpus.AllocationRequest)]
    public void Compiling_a_corpus_schema_allocates_no_more_than_JsonSchema_Net(string name)
    {
        var text = BenchCorpus.SchemaText(name);

        // Meta-schema validation on (our default; JsonSchema.Net does none), every time a fresh compiler.
        var ours = Allocated(() => new JsonSchemaCompiler().Compile(text));
        var theirs = Allocated(() => Json.Schema.JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

        Assert.That(ours, Is.LessThanOrEqualTo(theirs), $"ours {ours:N0} B, JsonSchema.Net {theirs:N0} B");
    }

    [Test]
    public void Compile_cost_grows_linearly_with_the_number_of_definitions()
    {
        var small = Allocated(() => new JsonSchemaCompiler().Compile(Generated(50)));
        var large = Allocated(() => new JsonSchemaCompiler().Compile(Generated(400)));

        Assert.That((double)large / small, Is.InRange(6.0, 10.0), "eight times the definitions");
    }

    /// <summary>The large-schema benchmark's shape (wide definitions, references to <c>#/$defs/…/properties/…</c>
    /// in cycles, <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c>), with and without meta-schema validation: eight times the
    /// definitions may cost at most eight and a half times the allocation. Allocation is the proxy for work here
    /// (instruction counts of the same compile grow alike: benchmarks/README.md).</summary>
    [TestCase(true)]
    [TestCase(false)]
    public void Compile_allocation_per_schema_byte_stays_flat_on_wide_cross_referencing_schemas(bool validateSchema)
    {
        var options = new JsonSchemaOptions { ValidateSchema = validateSchema };
        var small = WideCatalogue(25);
        var large = WideCatalogue(200);

        var perByteSmall = (double)Allocated(() => new JsonSchemaCompiler(options).Compile(small)) / small.Length;
        var perByteLarge = (double)Allocated(() => new JsonSchemaCompiler(options).Compile(large)) / large.Length;

        Assert.That(perByteLarge, Is.LessThanOrEqualTo(perByteSmall * 1.07), $"{perByteSmall:F1} B per schema byte at 25 definitions, {perByteLarge:F1} at 200");
    }

    /// <summary>Containers wider than 16 members (a big <c>$defs</c> or <c>properties</c>, a long <c>anyOf</c>) are
    /// indexed once instead of scanned per member (which made compile time grow with the square of their width):
    /// each member, including one reached by a <c>$ref</c> pointer, must be the one a scan finds, and a repeated
    /// property name still means its last occurrence.</summary>
    [TestCase("""{"p29":29}""", true)]
    [TestCase("""{"p29":30}""", false)]
    [TestCase("""{"p3":"three"}""", true)]
    [TestCase("""{"p3":3}""", false)]
    [TestCase("""{"r":25}""", true)]
    [TestCase("""{"r":24}""", false)]
    [TestCase("""{"s":"s19"}""", true)]
    [TestCase("""{"s":"s18"}""", false)]
    [TestCase("""{"q":"s7"}""", true)]
    [TestCase("""{"q":"t"}""", false)]
    public void Members_of_wide_containers_are_the_ones_a_scan_finds(string instance, bool valid)
    {
        var properties = string.Join(",", Enumerable.Range(0, 30).Select(i => $$"""
            "p{{i}}":{"type":"integer","maximum":{{i}}}
            """));
        var definitions = string.Join(",", Enumerable.Range(0, 30).Select(i => $$"""
            "d{{i}}":{"const":{{i}}}
            """));
        var choices = string.Join(",", Enumerable.Range(0, 20).Select(i => $$"""
            {"const":"s{{i}}"}
            """));
        var schema = "{\"$defs\":{" + definitions + "},\"properties\":{" + properties
            + ",\"p3\":{\"type\":\"string\"},\"r\":{\"$ref\":\"#/$defs/d25\"},\"s\":{\"$ref\":\"#/properties/q/anyOf/19\"},\"q\":{\"anyOf\":[" + choices + "]}}}";

        var validator = new JsonSchemaCompiler().Compile(schema);

        Assert.That(validator.IsValid(instance), Is.EqualTo(valid));
    }

    /// <summary>Definitions with patterns, formats, enums and references to each other.</summary>
    private static string Generated(int definitions)
    {
        var sb = new StringBuilder("{\"$defs\":{");
        for (var d = 0; d < definitions; d++)
        {
            sb.Append(d == 0 ? "" : ",").Append("\"D").Append(d).Append("\":{\"type\":\"object\",\"required\":[\"id\"],\"properties\":{")
                .Append("\"id\":{\"type\":\"string\",\"pattern\":\"^[a-z]{1,8}$\"},\"at\":{\"type\":\"string\",\"format\":\"date-time\"},")
                .Append("\"state\":{\"enum\":[\"a\",\"b\",\"c\"]},\"next\":{\"$ref\":\"#/$defs/D").Append((d + 1) % definitions).Append("\"}}}");
        }

        return sb.Append("},\"$ref\":\"#/$defs/D0\"}").ToString();
    }

    /// <summary>Definitions that reference the next, the previous and a far one, every 25th with 120 properties.</summary>
    private static string WideCatalogue(int definitions)
    {
        var sb = new StringBuilder("""{"$schema":"https://json-schema.org/draft/2020-12/schema","$defs":{""");
        for (var d = 0; d < definitions; d++)
        {
            var far = (d * 7 + 3) % definitions;
            sb.Append(d == 0 ? "" : ",").Append("""
                "R@D":{"type":"object","required":["id"],"additionalProperties":false,"properties":{
                "id":{"type":"string","format":"uuid"},"name":{"type":"string","maxLength":64,"pattern":"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"},
                "state":{"enum":["new","active","closed"]},"count":{"type":"integer","minimum":0},
                "settings":{"type":"object","properties":{"retries":{"type":"integer","maximum":10},"limits":{"type":"object","additionalProperties":{"type":"string"}}}},
                "next":{"$ref":"#/$defs/R@NEXT"},"previous":{"type":"array","items":{"$ref":"#/$defs/R@PREVIOUS"}},
                "link":{"oneOf":[{"type":"null"},{"$ref":"#/$defs/R@FAR"}]},"condition":{"anyOf":[{"type":"boolean"},{"type":"object"}]}
                """.Replace("@D", Text(d), StringComparison.Ordinal).Replace("@NEXT", Text((d + 1) % definitions), StringComparison.Ordinal)
                .Replace("@PREVIOUS", Text((d + definitions - 1) % definitions), StringComparison.Ordinal).Replace("@FAR", Text(far), StringComparison.Ordinal));
            for (var p = 0; d % 25 == 0 && p < 120; p++)
            {
                sb.Append(CultureInfo.InvariantCulture, $$""","o{{p}}":{"type":["string","null"],"maxLength":{{64 + p}}}""");
            }

            sb.Append(CultureInfo.InvariantCulture, $$"""},"allOf":[{"$ref":"#/$defs/R{{far}}/properties/settings"}]}""");
        }

        return sb.Append("""},"$ref":"#/$defs/R0"}""").ToString();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static long Allocated(Func<object> compile)
    {
        for (var i = 0; i < 3; i++)
        {
            _ = compile();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            _ = compile();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
    }
}
