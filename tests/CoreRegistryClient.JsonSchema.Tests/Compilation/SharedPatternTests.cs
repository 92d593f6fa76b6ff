using CoreRegistryClient.JsonSchema.Compilation;

namespace CoreRegistryClient.JsonSchema.Tests.Compilation;

/// <summary>Issue 10 §5: a pattern is translated and its matchers built once per process, not once per compilation
/// (two short patterns were an eighth of the Monte Carlo sample schema's compile), while every compilation still
/// diagnoses and refuses patterns as before.</summary>
[TestFixture]
public sealed class SharedPatternTests
{
    [Test]
    public void A_pattern_is_compiled_once_and_shared_by_later_compilations_with_the_same_budget()
    {
        var source = "^shared-" + Guid.NewGuid().ToString("N") + "-[0-9]{3}$";

        var first = SharedPatterns.Get(source, TimeSpan.FromSeconds(1));
        var again = SharedPatterns.Get(source, TimeSpan.FromSeconds(1));
        var otherBudget = SharedPatterns.Get(source, TimeSpan.FromSeconds(2));

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.SameAs(first));
            Assert.That(otherBudget, Is.Not.SameAs(first), "the budget is part of the compiled pattern");
        });
    }

    [Test]
    public void A_schema_compiled_twice_validates_its_pattern_the_same_both_times()
    {
        var schema = """{"properties": {"id": {"pattern": "^PF-[0-9]{6}$"}}}""";

        foreach (var validator in new[] { JsonSchemaValidator.Parse(schema), JsonSchemaValidator.Parse(schema) })
        {
            Assert.Multiple(() =>
            {
                Assert.That(validator.IsValid("""{"id": "PF-123456"}"""u8), Is.True);
                Assert.That(validator.IsValid("""{"id": "PF-12345"}"""u8), Is.False);
            });
        }
    }

    [Test]
    public void A_backtracking_pattern_is_diagnosed_by_every_compilation_at_its_own_location()
    {
        var first = JsonSchemaValidator.Parse("""{"properties": {"a": {"pattern": "^(?=x)\\w+$"}}}""");
        var second = JsonSchemaValidator.Parse("""{"properties": {"b": {"pattern": "^(?=x)\\w+$"}}}""");

        Assert.Multiple(() =>
        {
            Assert.That(first.Diagnostics.Select(d => d.Kind), Is.EqualTo(new[] { SchemaDiagnosticKind.BacktrackingPattern }));
            Assert.That(first.Diagnostics.Single().SchemaLocation, Does.EndWith("#/properties/a/pattern"));
            Assert.That(second.Diagnostics.Select(d => d.Kind), Is.EqualTo(new[] { SchemaDiagnosticKind.BacktrackingPattern }));
            Assert.That(second.Diagnostics.Single().SchemaLocation, Does.EndWith("#/properties/b/pattern"));
        });
    }

    [Test]
    public void An_invalid_pattern_is_refused_by_every_compilation()
    {
        const string Schema = """{"pattern": "^(unclosed$"}""";

        Assert.Multiple(() =>
        {
            Assert.That(() => JsonSchemaValidator.Parse(Schema), Throws.TypeOf<InvalidSchemaException>().With.Message.Contains("^(unclosed$"));
            Assert.That(() => JsonSchemaValidator.Parse(Schema), Throws.TypeOf<InvalidSchemaException>().With.Message.Contains("^(unclosed$"));
        });
    }

    [Test]
    public void The_process_holds_no_more_than_its_capacity_of_patterns()
    {
        var run = Guid.NewGuid().ToString("N");
        for (var i = 0; i < SharedPatterns.Capacity + 20; i++)
        {
            SharedPatterns.Get($"^{run}-{i}$", TimeSpan.FromSeconds(1));
        }

        Assert.That(SharedPatterns.Count, Is.InRange(1, SharedPatterns.Capacity));
    }
}
