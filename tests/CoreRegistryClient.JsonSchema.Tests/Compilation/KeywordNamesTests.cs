using System.Text.Json;
using CoreRegistryClient.JsonSchema.Compilation;

namespace CoreRegistryClient.JsonSchema.Tests.Compilation;

/// <summary>Keyword names are found by their raw UTF-8 bytes in a small hash table: every keyword must come back as
/// the one shared string, and any other name (a near miss, an escaped keyword, a non-ASCII name) as itself.</summary>
[TestFixture]
public sealed class KeywordNamesTests
{
    private static readonly string[] Keywords =
    [
        "$schema", "$id", "id", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$ref", "$dynamicRef", "$recursiveRef",
        "$vocabulary", "$comment", "$defs", "definitions", "type", "enum", "const", "multipleOf", "maximum", "minimum",
        "exclusiveMaximum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
        "maxContains", "minContains", "maxProperties", "minProperties", "required", "dependentRequired", "dependencies",
        "dependentSchemas", "properties", "patternProperties", "additionalProperties", "propertyNames", "items",
        "prefixItems", "additionalItems", "contains", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "unevaluatedProperties", "unevaluatedItems", "format", "contentMediaType", "contentEncoding", "contentSchema",
        "title", "description", "default", "examples", "readOnly", "writeOnly", "deprecated",
    ];

    [Test]
    public void Every_keyword_is_read_as_its_shared_string()
    {
        Assert.Multiple(() =>
        {
            foreach (var keyword in Keywords)
            {
                var name = NameOf(keyword);
                Assert.That(name, Is.EqualTo(keyword));
                Assert.That(string.IsInterned(name) ?? "", Is.SameAs(name), $"'{keyword}' is the shared literal");
            }
        });
    }

    [TestCase("propertie")]
    [TestCase("propertiesX")]
    [TestCase("Type")]
    [TestCase("x")]
    [TestCase("")]
    [TestCase("a-name-longer-than-any-keyword-at-all")]
    [TestCase("typé")]
    public void Any_other_name_is_read_as_itself(string other)
    {
        var name = NameOf(other);

        Assert.Multiple(() =>
        {
            Assert.That(name, Is.EqualTo(other));
            Assert.That(KeywordNames.Step(name), Is.EqualTo("/" + other));
        });
    }

    [Test]
    public void An_escaped_keyword_is_read_unescaped()
    {
        using var document = JsonDocument.Parse("""{"\u0074ype": 1}""");

        Assert.That(KeywordNames.Name(document.RootElement.EnumerateObject().Single()), Is.EqualTo("type"));
    }

    private static string NameOf(string name)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, int> { [name] = 1 }));
        return KeywordNames.Name(document.RootElement.EnumerateObject().Single());
    }
}
