using System.Text;

namespace CoreRegistryClient.JsonSchema.Tests;

/// <summary>List output on the bench-corpus invalid payloads: which errors, where, under which keyword.</summary>
[TestFixture]
public sealed class ErrorOutputTests
{
    private static (string Instance, string Keyword, string Name)[] Triples(ValidationResult result)
        => [.. result.Errors.Select(e => (e.InstanceLocation, e.KeywordLocation, e.Keyword))];

    [Test]
    public void FeedbackEvent_invalid_payload_reports_its_three_errors()
    {
        var result = BenchCorpus.Compile(BenchCorpus.FeedbackEvent).Validate(BenchCorpus.Invalid(BenchCorpus.FeedbackEvent));

        Assert.That(result.IsValid, Is.False);
        Assert.That(Triples(result), Is.EquivalentTo(new[]
        {
            ("", "/required", "required"),
            ("/queue_size", "/properties/queue_size/minimum", "minimum"),
            ("/level", "/properties/level/$ref/enum", "enum"),
        }));
        var level = result.Errors.Single(e => e.Keyword == "enum");
        Assert.That(level.AbsoluteKeywordLocation, Is.EqualTo("https://schemas.example.com/v1/telemetry.FeedbackEvent.json#/$defs/BackpressureLevel/enum"));
    }

    [Test]
    public void BarBatch_invalid_payload_reports_its_four_errors()
    {
        var result = BenchCorpus.Compile(BenchCorpus.BarBatch).Validate(BenchCorpus.Invalid(BenchCorpus.BarBatch));

        Assert.That(Triples(result), Is.EquivalentTo(new[]
        {
            ("/bars/10/symbol", "/properties/bars/items/$ref/properties/symbol/pattern", "pattern"),
            ("/bars/50/volume", "/properties/bars/items/$ref/properties/volume/minimum", "minimum"),
            ("/bars/99", "/properties/bars/items/$ref/required", "required"),
            ("/bars/3/extra", "/properties/bars/items/$ref/additionalProperties", "additionalProperties"),
        }));
    }

    [Test]
    public void AllocationRequest_invalid_payload_reports_at_least_its_five_errors()
    {
        var result = BenchCorpus.Compile(BenchCorpus.AllocationRequest).Validate(BenchCorpus.Invalid(BenchCorpus.AllocationRequest));

        Assert.That(result.Errors, Has.Count.GreaterThanOrEqualTo(5));
        Assert.That(Triples(result), Is.SupersetOf(new[]
        {
            ("/strategy", "/properties/strategy/oneOf", "oneOf"),
            ("/allocations/1/weight", "/properties/allocations/items/properties/weight/maximum", "maximum"),
            ("/allocations/2/sector", "/properties/allocations/items/unevaluatedProperties", "unevaluatedProperties"),
            ("/stage", "/properties/stage/$ref/enum", "enum"),
            ("/constraints", "/properties/constraints/dependentRequired", "dependentRequired"),
        }));
    }

    [Test]
    public void Failed_oneOf_branches_are_reported_beneath_the_oneOf_error()
    {
        var result = BenchCorpus.Compile(BenchCorpus.AllocationRequest).Validate(BenchCorpus.Invalid(BenchCorpus.AllocationRequest));

        var branchErrors = result.Errors.Where(e => e.KeywordLocation.StartsWith("/properties/strategy/oneOf/", StringComparison.Ordinal)).ToList();
        Assert.That(branchErrors.Select(e => e.KeywordLocation), Does.Contain("/properties/strategy/oneOf/2/$ref/properties/lookback_days/minimum"));
    }

    [Test]
    public void Valid_payloads_report_no_errors_in_either_output()
    {
        foreach (var name in BenchCorpus.Names)
        {
            var validator = BenchCorpus.Compile(name);
            var payload = BenchCorpus.Valid(name);
            Assert.Multiple(() =>
            {
                Assert.That(validator.Validate(payload, OutputFormat.List).Errors, Is.Empty, name);
                Assert.That(validator.Validate(payload, OutputFormat.Flag), Is.SameAs(ValidationResult.Valid), name);
                Assert.That(validator.IsValid(payload), Is.True, name);
            });
        }
    }

    [Test]
    public void Flag_output_reports_invalid_without_errors()
    {
        var validator = BenchCorpus.Compile(BenchCorpus.BarBatch);

        var result = validator.Validate(BenchCorpus.Invalid(BenchCorpus.BarBatch), OutputFormat.Flag);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Errors, Is.Empty);
            Assert.That(result.InputError, Is.EqualTo(InputErrorKind.None));
        });
    }

    [Test]
    public void Messages_do_not_quote_payload_values_by_default()
    {
        string[] secrets = ["critical", "Series A", "aapl", "1.5", "-3", "tech", "lookback"];
        foreach (var name in BenchCorpus.Names)
        {
            var result = BenchCorpus.Compile(name).Validate(BenchCorpus.Invalid(name));
            foreach (var error in result.Errors)
            {
                Assert.That(secrets.Where(s => error.Message.Contains(s, StringComparison.Ordinal)), Is.Empty, error.Message);
            }
        }
    }

    [Test]
    public void Messages_quote_payload_values_when_the_option_allows_it()
    {
        var validator = BenchCorpus.Compile(BenchCorpus.FeedbackEvent, new JsonSchemaOptions { IncludeValuesInMessages = true });

        var result = validator.Validate(BenchCorpus.Invalid(BenchCorpus.FeedbackEvent));

        Assert.That(result.Errors.Single(e => e.Keyword == "enum").Message, Does.Contain("\"critical\""));
    }

    [Test]
    public void Locations_escape_slash_and_tilde_as_json_pointers_require()
    {
        var validator = JsonSchemaValidator.Parse("""{"properties": {"a/b": {"type": "string"}, "c~d": {"type": "string"}}}""");

        var result = validator.Validate("""{"a/b": 1, "c~d": 2}""");

        Assert.That(Triples(result), Is.EquivalentTo(new[]
        {
            ("/a~1b", "/properties/a~1b/type", "type"),
            ("/c~0d", "/properties/c~0d/type", "type"),
        }));
        Assert.That(result.Errors[0].AbsoluteKeywordLocation, Does.EndWith("#/properties/a~1b/type"));
    }

    [Test]
    public void Escaped_property_names_in_the_payload_match_and_are_reported_unescaped()
    {
        var validator = JsonSchemaValidator.Parse("""{"properties": {"é/x": {"type": "string"}}}""");

        var result = validator.Validate(Encoding.UTF8.GetBytes("""{"\u00e9\/x": 1}"""));

        Assert.That(Triples(result), Is.EqualTo(new[] { ("/é~1x", "/properties/é~1x/type", "type") }));
    }

    [Test]
    public void Missing_required_names_are_reported_in_required_order_when_properties_checks_them()
    {
        // required names only declared properties, so properties checks it in its own pass over the object.
        var validator = JsonSchemaValidator.Parse("""{"properties": {"a": {}, "b": {}, "c~/": {}, "d": {}}, "required": ["d", "c~/", "a", "b"]}""");

        var result = validator.Validate(Encoding.UTF8.GetBytes("""{"\u0062": 1, "x": 2}"""));

        Assert.That(result.Errors.Select(e => (e.InstanceLocation, e.KeywordLocation, e.Message)), Is.EqualTo(new[]
        {
            ("", "/required", "The required property 'd' is missing."),
            ("", "/required", "The required property 'c~/' is missing."),
            ("", "/required", "The required property 'a' is missing."),
        }));
    }

    [Test]
    public void Non_ascii_names_with_slash_and_tilde_are_escaped_in_instance_locations()
    {
        var validator = JsonSchemaValidator.Parse("""{"additionalProperties": {"type": "string"}}""");

        var result = validator.Validate("""{"ü~/ß": 1, "plain": 2, "~": 3}""");

        Assert.That(result.Errors.Select(e => e.InstanceLocation), Is.EqualTo(new[] { "/ü~0~1ß", "/plain", "/~0" }));
    }

    [Test]
    public void Keyword_locations_follow_references_across_documents()
    {
        var compiler = new JsonSchemaCompiler();
        compiler.Register(new Uri("https://schemas.example.com/common.json"), """{"$defs": {"positive": {"$ref": "#/$defs/number", "minimum": 1}, "number": {"type": "number"}}}""");
        var validator = compiler.Compile("""{"$id": "https://schemas.example.com/main.json", "properties": {"qty": {"$ref": "common.json#/$defs/positive"}}}""");

        var result = validator.Validate("""{"qty": "x"}""");

        Assert.That(result.Errors.Select(e => (e.InstanceLocation, e.KeywordLocation, e.AbsoluteKeywordLocation)), Is.EquivalentTo(new[]
        {
            ("/qty", "/properties/qty/$ref/$ref/type", "https://schemas.example.com/common.json#/$defs/number/type"),
        }));
        Assert.That(validator.Validate("""{"qty": 0}""").Errors.Single().KeywordLocation, Is.EqualTo("/properties/qty/$ref/minimum"));
    }

    [Test]
    public void Boolean_false_subschemas_report_the_keyword_that_holds_them()
    {
        var validator = JsonSchemaValidator.Parse("""{"properties": {"gone": false}, "items": false}""");

        Assert.Multiple(() =>
        {
            Assert.That(Triples(validator.Validate("""{"gone": 1}""")), Is.EqualTo(new[] { ("/gone", "/properties/gone", "properties") }));
            Assert.That(Triples(validator.Validate("[1]")), Is.EqualTo(new[] { ("/0", "/items", "items") }));
        });
    }
}
