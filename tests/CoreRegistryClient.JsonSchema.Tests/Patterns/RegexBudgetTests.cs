using System.Diagnostics;
using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Tests.Patterns;

/// <summary>Issue 9 §5: a hostile pattern costs one regex budget per validation — not one timeout per match, and
/// not twice for an invalid payload — is flagged at compile time, and the result says the budget ran out.</summary>
[TestFixture]
public sealed class RegexBudgetTests
{
    // The backreference keeps the pattern off the linear-time engine; (a+)+ then backtracks exponentially.
    private const string Hostile = "^(a+)+\\\\1b$";

    [Test]
    public void A_match_never_gets_a_timeout_longer_than_what_is_left_of_the_budget()
    {
        var pattern = EcmaPattern.Create("^(a+)+\\1b$", TimeSpan.FromSeconds(1));
        var second = Stopwatch.Frequency;
        var input = "aab";

        Assert.Multiple(() =>
        {
            var full = second;
            Assert.That(pattern.IsMatch(input, ref full, out var outOfFull), Is.True);
            Assert.That(outOfFull, Is.False);
            Assert.That(full, Is.LessThan(second), "the match's time is taken off the budget");

            var spent = 0L;
            Assert.That(pattern.IsMatch(input, ref spent, out var outOfSpent), Is.False, "nothing left: the match is not even tried");
            Assert.That(outOfSpent, Is.True);

            Assert.That(pattern.TimeoutFor(second / 3), Is.LessThanOrEqualTo(TimeSpan.FromSeconds(1.0 / 3)));
            Assert.That(pattern.TimeoutFor(second / 3), Is.GreaterThan(TimeSpan.FromSeconds(1.0 / 7)));
            Assert.That(pattern.TimeoutFor(second / 100), Is.Null, "less than the smallest step: out of budget");
        });
    }

    [Test]
    public void Many_hostile_strings_in_one_payload_share_one_budget_and_the_result_says_so()
    {
        var validator = JsonSchemaValidator.Parse("{\"type\": \"array\", \"items\": {\"pattern\": \"" + Hostile + "\"}}",
            new JsonSchemaOptions { RegexBudget = TimeSpan.FromMilliseconds(20) });
        var hostile = "\"" + new string('a', 5_000) + "!\"";
        var payload = "[" + string.Join(",", Enumerable.Repeat(hostile, 50)) + "]";

        var result = validator.Validate(payload, OutputFormat.ListIfInvalid);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.RegexBudgetExceeded, Is.True);
            Assert.That(result.Errors, Has.Count.EqualTo(50));
            Assert.That(result.Errors.Select(e => e.Message), Has.All.Contain("regex budget"));
        });
    }

    [Test]
    public void A_validation_within_budget_does_not_report_it_exceeded()
    {
        var validator = JsonSchemaValidator.Parse($$"""{"pattern": "{{Hostile}}"}""");

        var result = validator.Validate("\"aab\"", OutputFormat.ListIfInvalid);

        Assert.That(result.RegexBudgetExceeded, Is.False);
    }

    [Test]
    public void List_if_invalid_gives_the_same_errors_as_list_output()
    {
        foreach (var name in BenchCorpus.Names)
        {
            var validator = BenchCorpus.Compile(name, new JsonSchemaOptions { FormatAssertion = true });
            var invalid = BenchCorpus.Invalid(name);

            var once = validator.Validate(invalid, OutputFormat.ListIfInvalid);
            var list = validator.Validate(invalid, OutputFormat.List);

            Assert.That(once.Errors, Is.EqualTo(list.Errors), name);
            Assert.That(once.IsValid, Is.False, name);
        }
    }

    [Test]
    public void A_pattern_with_nested_quantifiers_on_the_backtracking_engine_is_flagged_at_compile_time()
    {
        var validator = JsonSchemaValidator.Parse("{\"properties\": {\"id\": {\"pattern\": \"" + Hostile + "\"}}}");

        var diagnostic = validator.Diagnostics.Single();

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Kind, Is.EqualTo(SchemaDiagnosticKind.CatastrophicPattern));
            Assert.That(diagnostic.SchemaLocation, Does.EndWith("#/properties/id/pattern"));
            Assert.That(diagnostic.Message, Does.Contain("RegexBudget"));
        });
    }

    [TestCase("^(?=a)\\\\w+$", SchemaDiagnosticKind.BacktrackingPattern)]
    [TestCase("\\\\bword\\\\b", SchemaDiagnosticKind.BacktrackingPattern)]
    public void A_pattern_that_needs_backtracking_is_noted(string pattern, SchemaDiagnosticKind kind)
    {
        var validator = JsonSchemaValidator.Parse("{\"patternProperties\": {\"" + pattern + "\": true}}");

        Assert.That(validator.Diagnostics.Select(d => d.Kind), Is.EqualTo(new[] { kind }));
    }

    [TestCase("^(a+)+$")]
    [TestCase("^[A-Z][A-Z0-9.\\\\-]{0,11}$")]
    [TestCase("(\\\\w+\\\\s?)*")]
    public void Patterns_on_the_linear_time_engine_get_no_diagnostic_even_with_nested_quantifiers(string pattern)
    {
        var validator = JsonSchemaValidator.Parse($$"""{"pattern": "{{pattern}}"}""");

        Assert.That(validator.Diagnostics, Is.Empty);
    }
}
