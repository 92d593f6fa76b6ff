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
