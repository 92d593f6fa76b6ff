using Moq;

namespace CoreRegistryClient.JsonSchema.Tests;

/// <summary>Compiling schemas: drafts, meta-schema validation, reference resolution and refusals.</summary>
[TestFixture]
public sealed class SchemaCompilationTests
{
    [Test]
    public void A_schema_invalid_against_its_meta_schema_is_refused_with_its_location()
    {
        var e = Assert.Throws<InvalidSchemaException>(() => JsonSchemaValidator.Parse("""{"properties": {"age": {"minimum": "ten"}}}"""));

        Assert.Multiple(() =>
        {
            Assert.That(e!.SchemaLocation, Is.EqualTo("/properties/age/minimum"));
            Assert.That(e.Errors, Is.Not.Empty);
            Assert.That(e.Message, Does.Contain("/properties/age/minimum"));
        });
    }

    [Test]
    public void A_draft4_schema_is_checked_against_the_draft4_meta_schema()
    {
        const string schema = """{"$schema": "http://json-schema.org/draft-04/schema#", "required": []}""";

        var e = Assert.Throws<InvalidSchemaException>(() => JsonSchemaValidator.Parse(schema));

        Assert.That(e!.SchemaLocation, Is.EqualTo("/required"));
    }

    [Test]
    public void Meta_schema_validation_can_be_turned_off()
    {
        var validator = JsonSchemaValidator.Parse("""{"description": 5, "type": "string"}""", new JsonSchemaOptions { ValidateSchema = false });

        Assert.That(validator.IsValid("\"x\""), Is.True);
    }

    [Test]
    public void Malformed_schema_json_is_refused()
        => Assert.Throws<InvalidSchemaException>(() => JsonSchemaValidator.Parse("{\"type\": "));

    [Test]
    public void An_unknown_meta_schema_is_refused()
    {
        var e = Assert.Throws<InvalidSchemaException>(() => JsonSchemaValidator.Parse("""{"$schema": "https://example.com/my-meta", "type": "string"}"""));

        Assert.That(e!.Message, Does.Contain("https://example.com/my-meta"));
    }

    [TestCase("""{"$ref": "#"}""")]
    [TestCase("""{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}""")]
    public void A_reference_cycle_that_never_reaches_into_the_instance_is_refused(string schema)
    {
        var e = Assert.Throws<InvalidSchemaException>(() => JsonSchemaValidator.Parse(schema));

        Assert.That(e!.Message, Does.Contain("cycle"));
    }

    [Test]
    public void A_remote_reference_without_a_resolver_is_refused_and_nothing_is_fetched()
    {
        var e = Assert.Throws<InvalidSchemaException>(() => JsonSchemaValidator.Parse("""{"properties": {"a": {"$ref": "https://example.com/other.json#/$defs/x"}}}"""));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain("Cannot resolve $ref").And.Contain("https://example.com/other.json").And.Contain("ISchemaDocumentResolver"));
            Assert.That(e.SchemaLocation, Does.EndWith("#/properties/a/$ref"));
        });
    }

    [Test]
    public void A_resolver_supplies_remote_documents_and_is_asked_once_per_document()
    {
        var resolver = new Mock<ISchemaDocumentResolver>();
        resolver.Setup(r => r.Resolve(new Uri("https://example.com/other.json")))
            .Returns("""{"$defs": {"x": {"type": "integer"}, "y": {"type": "string"}}}""");
        var options = new JsonSchemaOptions { DocumentResolver = resolver.Object };

        var validator = JsonSchemaValidator.Parse(
            """{"properties": {"a": {"$ref": "https://example.com/other.json#/$defs/x"}, "b": {"$ref": "https://example.com/other.json#/$defs/y"}}}""", options);

        Assert.Multiple(() =>
        {
            Assert.That(validator.IsValid("""{"a": 1, "b": "s"}"""), Is.True);
            Assert.That(validator.IsValid("""{"a": "1"}"""), Is.False);
        });
        resolver.Verify(r => r.Resolve(It.IsAny<Uri>()), Times.Once);
    }

    [Test]
    public void Standard_meta_schemas_never_reach_the_resolver()
    {
        var resolver = new Mock<ISchemaDocumentResolver>(MockBehavior.Strict);

        var validator = JsonSchemaValidator.Parse("""{"$ref": "https://json-schema.org/draft/2020-12/schema"}""", new JsonSchemaOptions { DocumentResolver = resolver.Object });

        Assert.Multiple(() =>
        {
            Assert.That(validator.IsValid("""{"type": "string"}"""), Is.True);
            Assert.That(validator.IsValid("""{"type": 12}"""), Is.False);
        });
    }

    [Test]
    public void Registered_documents_are_reachable_by_reference()
    {
        var compiler = new JsonSchemaCompiler();
        compiler.Register(new Uri("https://schemas.example.com/common/level.json"), """{"enum": ["ok", "soft", "hard"]}""");

        var validator = compiler.Compile("""{"$id": "https://schemas.example.com/v1/event.json", "properties": {"level": {"$ref": "../common/level.json"}}}""");

        Assert.Multiple(() =>
        {
            Assert.That(validator.IsValid("""{"level": "soft"}"""), Is.True);
            Assert.That(validator.IsValid("""{"level": "critical"}"""), Is.False);
            Assert.That(validator.BaseUri, Is.EqualTo(new Uri("https://schemas.example.com/v1/event.json")));
        });
    }

    [Test]
    public void Registering_text_that_is_not_json_is_refused()
        => Assert.Throws<InvalidSchemaException>(() => new JsonSchemaCompiler().Register(new Uri("https://example.com/x"), "{nope"));

    [Test]
    public void An_invalid_regular_expression_is_refused_at_compile_time()
    {
        var e = Assert.Throws<InvalidSchemaException>(() => JsonSchemaValidator.Parse("""{"properties": {"a": {"pattern": "(unclosed"}}}""", new JsonSchemaOptions { ValidateSchema = false }));

        Assert.That(e!.SchemaLocation, Does.EndWith("#/properties/a/pattern"));
    }

    [TestCase("""{"$schema": "http://json-schema.org/draft-04/schema#"}""", SchemaDraft.Draft4)]
    [TestCase("""{"$schema": "http://json-schema.org/draft-06/schema#"}""", SchemaDraft.Draft6)]
    [TestCase("""{"$schema": "http://json-schema.org/draft-07/schema#"}""", SchemaDraft.Draft7)]
    [TestCase("""{"$schema": "https://json-schema.org/draft/2019-09/schema"}""", SchemaDraft.Draft201909)]
    [TestCase("""{"$schema": "https://json-schema.org/draft/2020-12/schema"}""", SchemaDraft.Draft202012)]
    [TestCase("{}", SchemaDraft.Draft202012)]
    public void The_draft_follows_the_schema_keyword(string schema, SchemaDraft draft)
        => Assert.That(JsonSchemaValidator.Parse(schema).Draft, Is.EqualTo(draft));

    [Test]
    public void The_default_draft_is_configurable()
    {
        var validator = JsonSchemaValidator.Parse("""{"maximum": 5, "exclusiveMaximum": true}""", new JsonSchemaOptions { DefaultDraft = SchemaDraft.Draft4 });

        Assert.Multiple(() =>
        {
            Assert.That(validator.Draft, Is.EqualTo(SchemaDraft.Draft4));
            Assert.That(validator.IsValid("5"), Is.False);
            Assert.That(validator.IsValid("4.99"), Is.True);
        });
    }

    [Test]
    public void Nonsensical_limits_are_refused_when_the_compiler_is_created()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new JsonSchemaCompiler(new JsonSchemaOptions { MaxDepth = 0 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new JsonSchemaCompiler(new JsonSchemaOptions { RegexBudget = TimeSpan.Zero }));
            Assert.DoesNotThrow(() => _ = new JsonSchemaCompiler(new JsonSchemaOptions { RegexBudget = System.Text.RegularExpressions.Regex.InfiniteMatchTimeout, MaxDepth = int.MaxValue }));
        });
    }

    [Test]
    public void Format_is_an_annotation_unless_assertion_is_asked_for()
    {
        var validator = JsonSchemaValidator.Parse("""{"format": "ipv4"}""");

        Assert.That(validator.IsValid("\"not an address\""), Is.True);
    }
}
