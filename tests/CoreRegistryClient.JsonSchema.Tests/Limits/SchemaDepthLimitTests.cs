using System.Text;
using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Tests.Limits;

/// <summary>Issue 10 §1-2: a schema from someone else's registry can be nested arbitrarily deep. Compilation never
/// overflows the stack, costs time and memory linear in the schema, and refuses a document deeper than
/// <see cref="JsonSchemaOptions.MaxSchemaDepth"/> with a message naming the limit, the option and the place.</summary>
[TestFixture]
public sealed class SchemaDepthLimitTests
{
    private static readonly JsonDocumentOptions s_unbounded = new() { MaxDepth = 1_000_000 };

    /// <summary><c>{"properties":{"a": ... }}</c> nested <paramref name="levels"/> times (2 JSON levels per schema level).</summary>
    internal static string NestedProperties(int levels)
    {
        var sb = new StringBuilder(levels * 20);
        for (var i = 0; i < levels; i++)
        {
            sb.Append("{\"properties\":{\"a\":");
        }

        sb.Append("{}");
        for (var i = 0; i < levels; i++)
        {
            sb.Append("}}");
        }

        return sb.ToString();
    }

    [Test]
    public void A_schema_nested_ten_thousand_levels_is_refused_with_the_limit_and_its_location_without_meta_validation()
    {
        using var document = JsonDocument.Parse(NestedProperties(10_000), s_unbounded);
        var compiler = new JsonSchemaCompiler(new JsonSchemaOptions { ValidateSchema = false });

        var e = Assert.Throws<InvalidSchemaException>(() => compiler.Compile(document.RootElement));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain("nested deeper than 256 levels"));
            Assert.That(e.Message, Does.Contain("MaxSchemaDepth"));
            Assert.That(e.SchemaLocation, Does.StartWith("/properties/a/properties/a/"));
            Assert.That(e.SchemaLocation.Split('/'), Has.Length.EqualTo(257), "the first container past the limit, 256 segments down");
        });
    }

    [TestCase("string")]
    [TestCase("bytes")]
    [TestCase("element")]
    public void A_too_deep_schema_is_refused_as_too_deep_whatever_form_it_is_given_in(string form)
    {
        var json = NestedProperties(200);
        var compiler = new JsonSchemaCompiler();

        var e = Assert.Throws<InvalidSchemaException>(() => Compile(compiler, json, form));

        Assert.That(e!.Message, Does.Contain("nested deeper than 256 levels (the limit; JsonSchemaOptions.MaxSchemaDepth)"));
        Assert.That(e.Message, Does.Not.Contain("well-formed"));
        Assert.That(e.Message, Does.Not.Contain("meta-schema"));
    }

    [TestCase("string", true)]
    [TestCase("bytes", true)]
    [TestCase("element", true)]
    [TestCase("string", false)]
    [TestCase("bytes", false)]
    [TestCase("element", false)]
    public void A_schema_exactly_at_the_limit_compiles_and_one_level_more_is_refused(string form, bool validateSchema)
    {
        // 40 schema levels = 81 JSON levels ({} innermost); a limit of 81 admits it, 80 does not.
        var json = NestedProperties(40);
        var atLimit = new JsonSchemaCompiler(new JsonSchemaOptions { MaxSchemaDepth = 81, ValidateSchema = validateSchema });
        var belowLimit = new JsonSchemaCompiler(new JsonSchemaOptions { MaxSchemaDepth = 80, ValidateSchema = validateSchema });

        Assert.Multiple(() =>
        {
            Assert.DoesNotThrow(() => Compile(atLimit, json, form));
            var e = Assert.Throws<InvalidSchemaException>(() => Compile(belowLimit, json, form));
            Assert.That(e!.Message, Does.Contain("nested deeper than 80 levels"));
        });
    }

    [Test]
    public void A_valid_schema_deeper_than_the_json_readers_default_compiles_from_text()
    {
        // 64 was the JSON reader's default depth, reported as "not well-formed JSON".
        var json = NestedProperties(60);

        var validator = JsonSchemaValidator.Parse(json);

        Assert.That(validator.IsValid("""{"a":{"a":{}}}"""), Is.True);
    }

    [Test]
    public void A_registered_document_nested_ten_thousand_levels_is_refused_at_registration()
    {
        using var document = JsonDocument.Parse(NestedProperties(10_000), s_unbounded);
        var compiler = new JsonSchemaCompiler();

        var e = Assert.Throws<InvalidSchemaException>(() => compiler.Register(new Uri("https://example.com/deep.json"), document.RootElement));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain("https://example.com/deep.json"));
            Assert.That(e.Message, Does.Contain("MaxSchemaDepth"));
            Assert.That(e.SchemaLocation, Does.StartWith("https://example.com/deep.json#/properties/a"));
        });
    }

    [Test]
    public async Task Ten_thousand_levels_with_the_limit_raised_compile_and_validate_on_a_pool_thread_without_overflowing()
    {
        var json = NestedProperties(10_000);
        var options = new JsonSchemaOptions { MaxSchemaDepth = 30_000, ValidateSchema = false, MaxDepth = 30_000 };
        var instance = new StringBuilder().Insert(0, "{\"a\":", 10_000).Append("{}").Append('}', 10_000).ToString();

        var (valid, result) = await Task.Run(() =>
        {
            var validator = new JsonSchemaCompiler(options).Compile(json);
            return (validator.IsValid("{}"), validator.Validate(instance));
        });

        Assert.Multiple(() =>
        {
            Assert.That(valid, Is.True);
            // Either the pool thread's stack held the whole evaluation, or it stopped cleanly at the stack limit.
            Assert.That(result.IsValid || result.InputError == InputErrorKind.DepthExceeded, Is.True, result.InputErrorMessage);
        });
    }

    [Test]
    public async Task Ten_thousand_levels_through_a_registered_reference_compile_without_overflowing()
    {
        var options = new JsonSchemaOptions { MaxSchemaDepth = 30_000, ValidateSchema = false };
        using var document = JsonDocument.Parse(NestedProperties(10_000), s_unbounded);
        var compiler = new JsonSchemaCompiler(options);
        compiler.Register(new Uri("https://example.com/deep.json"), document.RootElement);

        var validator = await Task.Run(() => compiler.Compile("""{"$ref": "https://example.com/deep.json"}"""));

        Assert.That(validator.IsValid("""{"a":{"a":{"a":1}}}"""), Is.True);
    }

    [Test]
    public async Task Meta_validating_a_schema_too_deep_for_the_stack_fails_with_the_limit_not_a_crash()
    {
        var options = new JsonSchemaOptions { MaxSchemaDepth = 30_000 };
        var json = NestedProperties(10_000);

        var e = await Task.Run(() => Assert.Throws<InvalidSchemaException>(() => new JsonSchemaCompiler(options).Compile(json)));

        Assert.That(e!.Message, Does.Contain("MaxSchemaDepth"));
        Assert.That(e.Message, Does.Contain("could not be checked against its meta-schema"));
    }

    [Test]
    public void Compilation_allocates_memory_linear_in_the_nesting_depth()
    {
        // The pointer of every subschema used to be built eagerly: 10,000 levels allocated 19.8 GB (quadratic).
        var options = new JsonSchemaOptions { MaxSchemaDepth = 30_000, ValidateSchema = false };
        var small = Allocated(() => new JsonSchemaCompiler(options).Compile(NestedProperties(2_500)));
        var large = Allocated(() => new JsonSchemaCompiler(options).Compile(NestedProperties(10_000)));

        Assert.Multiple(() =>
        {
            Assert.That((double)large / small, Is.LessThan(6), "four times the levels: linear is 4x, quadratic 16x");
            Assert.That(large, Is.LessThan(64L << 20), "10,000 levels in well under 64 MB");
        });
    }

    private static long Allocated(Action action)
    {
        action(); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static JsonSchemaValidator Compile(JsonSchemaCompiler compiler, string json, string form)
    {
        switch (form)
        {
            case "string":
                return compiler.Compile(json);
            case "bytes":
                return compiler.Compile(Encoding.UTF8.GetBytes(json));
            default:
                using (var document = JsonDocument.Parse(json, s_unbounded))
                {
                    return compiler.Compile(document.RootElement);
                }
        }
    }
}
