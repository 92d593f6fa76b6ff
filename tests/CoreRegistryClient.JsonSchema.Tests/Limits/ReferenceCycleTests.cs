namespace CoreRegistryClient.JsonSchema.Tests.Limits;

/// <summary>Issue 10 §3: a reference cycle that no instance has to enter compiles; evaluation reports it when, and
/// only when, it enters it. A cycle every evaluation enters is still refused at compile time.</summary>
[TestFixture]
public sealed class ReferenceCycleTests
{
    private const string DeadCycle = """{"$defs":{"a":{"allOf":[{"$ref":"#/$defs/a"}]}},"anyOf":[{"type":"string"},{"$ref":"#/$defs/a"}]}""";

    [Test]
    public void A_dead_cycle_compiles_and_an_instance_that_avoids_it_validates()
    {
        var validator = JsonSchemaValidator.Parse(DeadCycle);

        Assert.Multiple(() =>
        {
            Assert.That(validator.IsValid("\"x\""), Is.True);
            Assert.That(validator.Validate("\"x\"").IsValid, Is.True);
        });
    }

    [Test]
    public void An_instance_that_enters_the_cycle_fails_with_a_message_naming_it()
    {
        var validator = JsonSchemaValidator.Parse(DeadCycle);

        var result = validator.Validate("1");

        Assert.Multiple(() =>
        {
            Assert.That(validator.IsValid("1"), Is.False);
            Assert.That(result.IsValid, Is.False);
            var cycle = result.Errors.Single(e => e.Keyword == "$ref");
            Assert.That(cycle.Message, Does.Contain("reference cycle"));
            Assert.That(cycle.KeywordLocation, Does.StartWith("/anyOf/1/$ref"));
        });
    }

    [Test]
    public void A_self_referencing_definition_used_under_a_property_is_reported_there()
    {
        var validator = JsonSchemaValidator.Parse("""
            {"$defs": {"loop": {"$ref": "#/$defs/loop"}},
             "properties": {"legacy": {"$ref": "#/$defs/loop"}}}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(validator.IsValid("""{"other": 1}"""), Is.True);
            var result = validator.Validate("""{"legacy": 1}""");
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Errors.Single().InstanceLocation, Is.EqualTo("/legacy"));
        });
    }

    [TestCase("""{"$ref": "#"}""")]
    [TestCase("""{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}""")]
    [TestCase("""{"$defs": {"a": {"not": {"$ref": "#/$defs/a"}}}, "allOf": [{"$ref": "#/$defs/a"}]}""")]
    public void A_cycle_every_evaluation_enters_is_refused_at_compile_time(string schema)
    {
        var e = Assert.Throws<InvalidSchemaException>(() => JsonSchemaValidator.Parse(schema));

        Assert.That(e!.Message, Does.Contain("cycle"));
    }

    [Test]
    public void Recursion_that_consumes_the_instance_is_not_a_cycle()
    {
        var validator = JsonSchemaValidator.Parse("""{"$defs": {"node": {"properties": {"next": {"$ref": "#/$defs/node"}}}}, "$ref": "#/$defs/node"}""");

        Assert.That(validator.Validate("""{"next": {"next": {"next": {}}}}""").IsValid, Is.True);
    }
}
