namespace CoreRegistryClient.JsonSchema.Tests.Compilation;

/// <summary>Issue 10 §1: documents a compilation loads (registered or resolved) are checked like the root schema:
/// against their meta-schema (in the draft they are read as) and the schema depth limit.</summary>
[TestFixture]
public sealed class LoadedDocumentTests
{
    private static readonly Uri s_common = new("https://example.com/common.json");

    [Test]
    public void A_registered_document_invalid_against_its_meta_schema_is_refused_when_a_schema_loads_it()
    {
        var compiler = new JsonSchemaCompiler();
        compiler.Register(s_common, """{"$defs": {"level": {"title": 5, "type": "string"}}}""");

        var e = Assert.Throws<InvalidSchemaException>(() => compiler.Compile("""{"$ref": "https://example.com/common.json#/$defs/level"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain("https://example.com/common.json"));
            Assert.That(e.Message, Does.Contain("meta-schema"));
            Assert.That(e.SchemaLocation, Is.EqualTo("https://example.com/common.json#/$defs/level/title"));
            Assert.That(e.Errors, Is.Not.Empty);
        });
    }

    [Test]
    public void A_registered_document_is_read_in_the_draft_of_the_schema_that_loads_it()
    {
        // Tuple "items" is valid draft 7 but not 2020-12: a document without $schema takes its referrer's draft.
        var compiler = new JsonSchemaCompiler();
        compiler.Register(s_common, """{"items": [{"type": "string"}]}""");

        var validator = compiler.Compile("""{"$schema": "http://json-schema.org/draft-07/schema#", "$ref": "https://example.com/common.json"}""");

        Assert.That(validator.IsValid("""["a", 1]"""), Is.True);
        Assert.That(validator.IsValid("""[1]"""), Is.False);
    }

    [Test]
    public void A_resolved_document_invalid_against_its_meta_schema_is_refused()
    {
        var compiler = new JsonSchemaCompiler(new JsonSchemaOptions { DocumentResolver = new OneDocument("""{"minLength": -1}""") });

        var e = Assert.Throws<InvalidSchemaException>(() => compiler.Compile("""{"$ref": "https://example.com/common.json"}"""));

        Assert.That(e!.SchemaLocation, Is.EqualTo("https://example.com/common.json#/minLength"));
    }

    [Test]
    public void A_resolved_document_deeper_than_the_limit_is_refused_with_the_limit()
    {
        var compiler = new JsonSchemaCompiler(new JsonSchemaOptions { DocumentResolver = new OneDocument(Limits.SchemaDepthLimitTests.NestedProperties(300)) });

        var e = Assert.Throws<InvalidSchemaException>(() => compiler.Compile("""{"$ref": "https://example.com/common.json"}"""));

        Assert.That(e!.Message, Does.Contain("MaxSchemaDepth"));
        Assert.That(e.SchemaLocation, Does.StartWith("https://example.com/common.json#/properties/a"));
    }

    [Test]
    public void Without_meta_validation_a_registered_document_is_taken_as_it_is()
    {
        var compiler = new JsonSchemaCompiler(new JsonSchemaOptions { ValidateSchema = false });
        compiler.Register(s_common, """{"title": 5, "type": "string"}""");

        Assert.That(compiler.Compile("""{"$ref": "https://example.com/common.json"}""").IsValid("\"x\""), Is.True);
    }

    private sealed class OneDocument(string json) : ISchemaDocumentResolver
    {
        public string? Resolve(Uri documentUri) => documentUri == s_common ? json : null;
    }
}
