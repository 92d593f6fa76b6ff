using System.Text;
using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Tests;

/// <summary>Bad instances come back as results that say what is wrong and where; they never throw.</summary>
[TestFixture]
public sealed class HostileInputTests
{
    private static readonly JsonSchemaValidator s_anything = JsonSchemaValidator.Parse("""{"type": ["object", "array", "string", "number", "boolean", "null"]}""");

    [TestCase("{\"a\":1,}", 7)]
    [TestCase("{\n  \"a\": 1,\n}", 12)]
    [TestCase("[1, 2", 5)]
    [TestCase("1 2", 2)]
    [TestCase("", 0)]
    [TestCase("{\"a\" 1}", 5)]
    public void Malformed_json_is_reported_with_its_byte_offset(string json, long offset)
    {
        var result = s_anything.Validate(Encoding.UTF8.GetBytes(json));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.InputError, Is.EqualTo(InputErrorKind.MalformedJson));
            Assert.That(result.BytePosition, Is.EqualTo(offset));
            Assert.That(result.InputErrorMessage, Does.Contain(offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(s_anything.IsValid(Encoding.UTF8.GetBytes(json)), Is.False);
        });
    }

    [Test]
    public void Malformed_json_messages_do_not_quote_the_payload()
    {
        var result = s_anything.Validate("{\"card\": 4111x}");

        Assert.That(result.InputErrorMessage, Does.Not.Contain("4111").And.Not.Contain("x'"));
    }

    [Test]
    public void Invalid_utf8_is_reported_with_the_offset_of_the_first_bad_byte()
    {
        byte[] payload = [.. "{\"a\": \"x"u8, 0xC3, 0x28, .. "\"}"u8];

        var result = s_anything.Validate(payload);

        Assert.Multiple(() =>
        {
            Assert.That(result.InputError, Is.EqualTo(InputErrorKind.InvalidUtf8));
            Assert.That(result.BytePosition, Is.EqualTo(8));
            Assert.That(s_anything.IsValid(payload), Is.False);
        });
    }

    [Test]
    public void Overlong_utf8_encodings_are_refused()
    {
        byte[] payload = [.. "\""u8, 0xC0, 0xAF, .. "\""u8];

        Assert.That(s_anything.Validate(payload).InputError, Is.EqualTo(InputErrorKind.InvalidUtf8));
    }

    [Test]
    public void Nesting_up_to_the_limit_is_accepted_and_one_level_more_is_refused()
    {
        var validator = JsonSchemaValidator.Parse("{}", new JsonSchemaOptions { MaxDepth = 10 });
        var atLimit = new string('[', 10) + new string(']', 10);
        var beyond = new string('[', 11) + new string(']', 11);

        var result = validator.Validate(beyond);

        Assert.Multiple(() =>
        {
            Assert.That(validator.Validate(atLimit).IsValid, Is.True);
            Assert.That(result.InputError, Is.EqualTo(InputErrorKind.DepthExceeded));
            Assert.That(result.BytePosition, Is.EqualTo(10));
        });
    }

    [Test]
    public void The_default_depth_limit_refuses_a_deeply_nested_payload()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);

        var result = s_anything.Validate(deep);

        Assert.Multiple(() =>
        {
            Assert.That(result.InputError, Is.EqualTo(InputErrorKind.DepthExceeded));
            Assert.That(result.BytePosition, Is.EqualTo(JsonSchemaOptions.Default.MaxDepth));
        });
    }

    [Test]
    public void A_huge_document_is_validated_completely()
    {
        var validator = JsonSchemaValidator.Parse("""{"type": "array", "items": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}}""");
        var sb = new StringBuilder("[");
        for (var i = 0; i < 300_000; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append("{\"id\":").Append(i).Append(",\"name\":\"item\"}");
        }

        var valid = sb.ToString() + "]";
        var invalid = sb.ToString() + ",{\"id\":\"last\"}]";

        Assert.Multiple(() =>
        {
            Assert.That(validator.IsValid(valid), Is.True);
            var result = validator.Validate(invalid);
            Assert.That(result.Errors.Select(e => e.InstanceLocation), Is.EqualTo(new[] { "/300000/id" }));
        });
    }

    [Test]
    public void Every_failing_item_of_a_huge_array_is_reported_with_its_own_location()
    {
        var validator = JsonSchemaValidator.Parse("""{"items": {"properties": {"id": {"type": "string"}}}}""");
        var payload = "[" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"{{\"id\": {i}}}")) + "]";

        var result = validator.Validate(payload);

        Assert.Multiple(() =>
        {
            Assert.That(result.Errors, Has.Count.EqualTo(100_000));
            Assert.That(result.Errors[0].InstanceLocation, Is.EqualTo("/0/id"));
            Assert.That(result.Errors[99_999].InstanceLocation, Is.EqualTo("/99999/id"));
            Assert.That(result.Errors.Select(e => e.InstanceLocation).Distinct().Count(), Is.EqualTo(100_000));
        });
    }

    [Test]
    public void Json_element_and_string_instances_take_the_same_path_as_bytes()
    {
        var validator = BenchCorpus.Compile(BenchCorpus.FeedbackEvent);
        var invalid = BenchCorpus.Invalid(BenchCorpus.FeedbackEvent);
        using var document = JsonDocument.Parse(invalid);

        var fromBytes = validator.Validate(invalid).Errors;
        var fromElement = validator.Validate(document.RootElement).Errors;
        var fromString = validator.Validate(Encoding.UTF8.GetString(invalid)).Errors;

        Assert.Multiple(() =>
        {
            Assert.That(fromElement, Is.EqualTo(fromBytes));
            Assert.That(fromString, Is.EqualTo(fromBytes));
            Assert.That(validator.IsValid(document.RootElement), Is.False);
        });
    }

    [Test]
    public void A_json_element_inside_a_larger_document_is_validated_on_its_own()
    {
        var validator = JsonSchemaValidator.Parse("""{"type": "object", "required": ["id"]}""");
        using var document = JsonDocument.Parse("""{"outer": {"id": 1}, "other": []}""");

        Assert.Multiple(() =>
        {
            Assert.That(validator.IsValid(document.RootElement.GetProperty("outer")), Is.True);
            Assert.That(validator.IsValid(document.RootElement.GetProperty("other")), Is.False);
        });
    }

    [Test]
    public void Deep_recursion_through_refs_ends_at_the_reference_limit_not_in_a_stack_overflow()
    {
        var validator = JsonSchemaValidator.Parse("""{"items": {"$ref": "#"}}""", new JsonSchemaOptions { MaxDepth = 200_000 });
        var deep = new string('[', 150_000) + new string(']', 150_000);

        var result = validator.Validate(deep);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.InputError, Is.EqualTo(InputErrorKind.ReferenceDepthExceeded));
            Assert.That(result.Errors, Is.Empty, "a limit is not a schema violation");
            Assert.That(validator.IsValid(deep), Is.False);
        });
    }

    [Test]
    public void Comparing_pathologically_deep_values_does_not_overflow_the_stack()
    {
        var validator = JsonSchemaValidator.Parse("""{"uniqueItems": true}""", new JsonSchemaOptions { MaxDepth = 1_000_000 });
        var deep = new string('[', 300_000) + new string(']', 300_000);

        Assert.DoesNotThrow(() => validator.Validate($"[{deep}, {deep}]"));
    }

    [Test]
    public void Recursive_schemas_validate_nesting_within_the_depth_limit()
    {
        var validator = JsonSchemaValidator.Parse("""{"type": "array", "items": {"$ref": "#"}}""");
        var nested = new string('[', 100) + new string(']', 100);

        Assert.That(validator.IsValid(nested), Is.True);
    }

    [Test]
    public void A_catastrophic_pattern_runs_out_of_the_regex_budget_and_is_reported_as_an_error()
    {
        // The backreference keeps the pattern off the non-backtracking engine (and defeats .NET's loop
        // optimisations), so the timeout is what stops it.
        var validator = JsonSchemaValidator.Parse("""{"pattern": "^(a+)+\\1b$"}""",
            new JsonSchemaOptions { RegexBudget = TimeSpan.FromMilliseconds(1) });
        var hostile = "\"" + new string('a', 5_000) + "!\"";

        var result = validator.Validate(hostile);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Errors.Single().Keyword, Is.EqualTo("pattern"));
            Assert.That(result.Errors.Single().Message, Does.Contain("regex budget"));
            Assert.That(result.RegexBudgetExceeded, Is.True);
            Assert.That(validator.IsValid(hostile), Is.False);
        });
    }
}
