using System.Text;
using CoreRegistryClient.JsonSchema.Compilation;

namespace CoreRegistryClient.JsonSchema.Tests.Compilation;

/// <summary>Indexing reads each schema object's <c>$ref</c>, <c>$id</c>, <c>$schema</c> and anchors in one pass over
/// its members: the result must be what a lookup by name finds, escaped and repeated names included.</summary>
[TestFixture]
public sealed class SchemaDeclarationsTests
{
    [Test]
    public void Each_declaration_is_found_and_other_members_are_not()
    {
        var declared = Read("""{"type":"object","$ref":"#/a","$id":"https://example.com/s","id":"legacy","$schema":"s","$anchor":"x","$dynamicAnchor":"d","$recursiveAnchor":true,"$comment":"c","items":{}}""");

        Assert.Multiple(() =>
        {
            Assert.That(declared.Ref?.GetString(), Is.EqualTo("#/a"));
            Assert.That(declared.Id?.GetString(), Is.EqualTo("https://example.com/s"));
            Assert.That(declared.LegacyId?.GetString(), Is.EqualTo("legacy"));
            Assert.That(declared.Schema?.GetString(), Is.EqualTo("s"));
            Assert.That(declared.Anchor?.GetString(), Is.EqualTo("x"));
            Assert.That(declared.DynamicAnchor?.GetString(), Is.EqualTo("d"));
            Assert.That(declared.RecursiveAnchor?.GetBoolean(), Is.True);
        });
    }

    [Test]
    public void A_name_written_with_escapes_counts_and_a_repeated_name_keeps_its_last_occurrence()
    {
        var declared = Read("""{"\u0024id":"https://example.com/escaped","$anchor":"first","$anchor":"last","\u0069d":"legacy","$an\u0063hor2":"no"}""");

        Assert.Multiple(() =>
        {
            Assert.That(declared.Id?.GetString(), Is.EqualTo("https://example.com/escaped"));
            Assert.That(declared.LegacyId?.GetString(), Is.EqualTo("legacy"));
            Assert.That(declared.Anchor?.GetString(), Is.EqualTo("last"));
            Assert.That(declared.Ref, Is.Null);
            Assert.That(declared.Schema, Is.Null);
        });
    }

    [TestCase("\"abc\"", true)]
    [TestCase("3", false)]
    public void A_resource_declared_by_an_escaped_id_is_reachable_by_ref(string instance, bool valid)
    {
        var validator = JsonSchemaValidator.Parse("""{"$defs":{"a":{"\u0024id":"https://example.com/a","type":"string"}},"$ref":"https://example.com/a"}""");

        Assert.That(validator.IsValid(Encoding.UTF8.GetBytes(instance)), Is.EqualTo(valid));
    }

    private static SchemaDeclarations Read(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var declared = SchemaDeclarations.Read(document.RootElement.Clone());
        return declared;
    }
}
