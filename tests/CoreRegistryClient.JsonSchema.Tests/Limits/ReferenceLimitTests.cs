namespace CoreRegistryClient.JsonSchema.Tests.Limits;

/// <summary>Issue 10 §2: the nested-reference cap is an option, and reaching it is a limit (an input error), not a
/// schema violation.</summary>
[TestFixture]
public sealed class ReferenceLimitTests
{
    private const string Tree = """{"type": "array", "items": {"$ref": "#"}}""";

    [Test]
    public void A_valid_instance_nested_past_the_reference_limit_is_reported_as_the_limit()
    {
        var validator = JsonSchemaValidator.Parse(Tree, new JsonSchemaOptions { MaxDepth = 10_000, MaxReferenceDepth = 100 });
        var nested = new string('[', 150) + new string(']', 150);

        var result = validator.Validate(nested);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.InputError, Is.EqualTo(InputErrorKind.ReferenceDepthExceeded));
            Assert.That(result.InputErrorMessage, Does.Contain("100 references (the limit; JsonSchemaOptions.MaxReferenceDepth)"));
            Assert.That(result.Errors, Is.Empty);
            Assert.That(result.BytePosition, Is.EqualTo(101), "the array reached through the 101st reference");
            Assert.That(validator.IsValid(nested), Is.False);
        });
    }

    [Test]
    public void Raising_the_reference_limit_lets_a_deeper_valid_instance_through()
    {
        var validator = JsonSchemaValidator.Parse(Tree, new JsonSchemaOptions { MaxDepth = 10_000, MaxReferenceDepth = 200 });
        var nested = new string('[', 150) + new string(']', 150);

        Assert.That(validator.Validate(nested).IsValid, Is.True);
    }

    [Test]
    public void A_nonsensical_reference_or_schema_depth_limit_is_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new JsonSchemaCompiler(new JsonSchemaOptions { MaxReferenceDepth = 0 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new JsonSchemaCompiler(new JsonSchemaOptions { MaxSchemaDepth = 0 }));
        });
    }

    [Test]
    public void An_instance_too_deep_for_the_threads_stack_stops_cleanly_with_a_raised_depth_limit()
    {
        // No references at all: nested "properties" recurse once per level; a small stack must not overflow.
        var schema = SchemaDepthLimitTests.NestedProperties(5_000);
        var instance = new System.Text.StringBuilder().Insert(0, "{\"a\":", 5_000).Append("{}").Append('}', 5_000).ToString();
        var validator = new JsonSchemaCompiler(new JsonSchemaOptions { MaxSchemaDepth = 20_000, ValidateSchema = false, MaxDepth = 20_000 }).Compile(schema);
        ValidationResult? result = null;

        var thread = new Thread(() => result = validator.Validate(instance), 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.That(result!.InputError, Is.EqualTo(InputErrorKind.DepthExceeded));
        Assert.That(result.InputErrorMessage, Does.Contain("stack"));
    }
}
