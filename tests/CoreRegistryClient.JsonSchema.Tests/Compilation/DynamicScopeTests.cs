using CoreRegistryClient.JsonSchema.Compilation;

namespace CoreRegistryClient.JsonSchema.Tests.Compilation;

/// <summary>Issue 10 §5: a dynamic reference that the validator's root resource decides (it is the outermost of
/// every dynamic scope) is bound at compile time, so evaluation tracks no scope — the meta-schemas that every
/// compilation validates against among them — while references the scope still decides keep their meaning.</summary>
[TestFixture]
public sealed class DynamicScopeTests
{
    private const string Tree = """
        {"$id": "https://example.com/tree", "$dynamicAnchor": "node", "type": "object",
         "properties": {"data": true, "children": {"type": "array", "items": {"$dynamicRef": "#node"}}}}
        """;

    private const string StrictTree = """
        {"$id": "https://example.com/strict-tree", "$dynamicAnchor": "node", "$ref": "tree", "unevaluatedProperties": false}
        """;

    [TestCase("https://json-schema.org/draft/2020-12/schema")]
    [TestCase("https://json-schema.org/draft/2019-09/schema")]
    public void A_meta_schema_validator_tracks_no_dynamic_scope_and_still_checks_nested_schemas(string metaUri)
    {
        Assert.That(EmbeddedMetaSchemas.TryGet(metaUri, out var document), Is.True);

        var meta = new JsonSchemaCompiler(new JsonSchemaOptions { ValidateSchema = false }).Compile(document, new Uri(metaUri));

        Assert.Multiple(() =>
        {
            Assert.That(meta.TracksDynamicScope, Is.False);
            Assert.That(meta.IsValid("""{"properties": {"a": {"items": {"minLength": 1}}}}"""), Is.True);
            // The error sits three schemas down, reached only through the dynamic reference.
            Assert.That(meta.IsValid("""{"properties": {"a": {"items": {"minLength": -1}}}}"""), Is.False);
        });
    }

    [Test]
    public void A_dynamic_reference_to_an_anchor_the_root_declares_is_bound_to_the_root()
    {
        var compiler = new JsonSchemaCompiler();
        compiler.Register(new Uri("https://example.com/tree"), Tree);

        var strict = compiler.Compile(StrictTree);

        Assert.Multiple(() =>
        {
            Assert.That(strict.TracksDynamicScope, Is.False);
            Assert.That(strict.IsValid("""{"children": [{"data": 1}]}"""), Is.True);
            // The nested node is the strict tree (the root's anchor), so its unknown property fails.
            Assert.That(strict.IsValid("""{"children": [{"daat": 1}]}"""), Is.False);
        });
    }

    [Test]
    public void A_dynamic_reference_the_root_does_not_decide_keeps_tracking_the_scope()
    {
        var compiler = new JsonSchemaCompiler();
        compiler.Register(new Uri("https://example.com/tree"), Tree);
        compiler.Register(new Uri("https://example.com/strict-tree"), StrictTree);

        var viaWrapper = compiler.Compile("""{"$ref": "https://example.com/strict-tree"}""");
        var plainTree = compiler.Compile("""{"$ref": "https://example.com/tree"}""");

        Assert.Multiple(() =>
        {
            Assert.That(viaWrapper.TracksDynamicScope, Is.True);
            Assert.That(viaWrapper.IsValid("""{"children": [{"daat": 1}]}"""), Is.False);
            Assert.That(plainTree.IsValid("""{"children": [{"daat": 1}]}"""), Is.True);
        });
    }
}
