using System.Text;
using System.Text.Json;
using CoreRegistryClient.Enforcement;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.JsonSchemaNet.Tests;

public sealed class JsonSchemaNetValidatorTests
{
    private const string Secret = "4111-1111-1111-1111";

    private static ISchemaValidator Compile(string schema, SchemaValidatorOptions? options = null)
    {
        using var document = JsonDocument.Parse(schema);
        return Backend().Compile(document.RootElement, options ?? SchemaValidatorOptions.Default);
    }

    private static ISchemaValidatorFactory Backend()
    {
        var services = new ServiceCollection().AddSchemaEnforcement(_ => { }).UseJsonSchemaNet();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ISchemaValidatorFactory>();
    }

    [Test]
    public void UseJsonSchemaNet_replaces_the_default_backend_whether_called_before_or_after_AddSchemaEnforcement()
    {
        using var after = new ServiceCollection().AddSchemaEnforcement(_ => { }).UseJsonSchemaNet().BuildServiceProvider();
        using var before = new ServiceCollection().UseJsonSchemaNet().AddSchemaEnforcement(_ => { }).BuildServiceProvider();
        using var neither = new ServiceCollection().AddSchemaEnforcement(_ => { }).BuildServiceProvider();
        Assert.Multiple(() =>
        {
            Assert.That(after.GetRequiredService<ISchemaValidatorFactory>().Name, Is.EqualTo("JsonSchema.Net"));
            Assert.That(before.GetRequiredService<ISchemaValidatorFactory>().Name, Is.EqualTo("JsonSchema.Net"));
            Assert.That(neither.GetRequiredService<ISchemaValidatorFactory>().Name, Is.EqualTo("CoreRegistryClient.JsonSchema"));
        });
    }

    [TestCase("http://json-schema.org/draft-04/schema#")]
    [TestCase("http://json-schema.org/draft-03/schema#")]
    public void A_draft_4_schema_is_refused_at_compile_with_a_typed_error_naming_the_draft(string metaSchema)
    {
        var error = Assert.Throws<UnsupportedSchemaDraftException>(() => Compile($$"""{"$schema":"{{metaSchema}}","type":"string"}"""));
        Assert.Multiple(() =>
        {
            Assert.That(error!.MetaSchema, Is.EqualTo(metaSchema));
            Assert.That(error.Message, Does.Contain("does not implement").And.Contain("draft 6 or later"));
            Assert.That(error, Is.InstanceOf<SchemaCompilationException>());
        });
    }

    [Test]
    public void A_draft_4_default_meta_schema_is_refused_too()
        => Assert.Throws<UnsupportedSchemaDraftException>(() => Compile("""{"type":"string"}""",
            new SchemaValidatorOptions { DefaultMetaSchema = new Uri("http://json-schema.org/draft-04/schema#") }));

    [Test]
    public void A_schema_JsonSchema_Net_cannot_build_is_a_SchemaCompilationException()
        => Assert.Throws<SchemaCompilationException>(() => Compile("""{"pattern":"(["}"""));

    [Test]
    public void A_valid_payload_gets_the_shared_valid_result()
    {
        var validator = Compile("""{"type":"object","required":["id"]}""");
        Assert.That(validator.Validate("""{"id":1}"""u8, SchemaOutputFormat.ListIfInvalid), Is.SameAs(SchemaValidatorResult.Valid));
    }

    [Test]
    public void Errors_name_locations_and_keywords_but_never_the_payload_values()
    {
        var validator = Compile("""
            {"type":"object","properties":{
              "card":{"type":"string","pattern":"^x","maxLength":3,"enum":["a"],"const":"a","format":"email"},
              "n":{"type":"integer","maximum":1}},
             "additionalProperties":false}
            """, new SchemaValidatorOptions { FormatAssertion = true });
        var payload = Encoding.UTF8.GetBytes($$"""{"card":"{{Secret}}","n":987654321,"{{Secret}}-key":true}""");

        var result = validator.Validate(payload, SchemaOutputFormat.ListIfInvalid);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Errors.Select(e => e.Keyword), Is.SupersetOf(new[] { "pattern", "maxLength", "enum", "const", "format", "maximum", "false" }));
            Assert.That(result.Errors.Where(e => e.Keyword == "maximum").Select(e => (e.InstanceLocation, e.KeywordLocation)),
                Is.EqualTo(new[] { ("/n", "/properties/n/maximum") }));
            Assert.That(result.Errors.Where(e => e.Keyword == "false").Select(e => e.KeywordLocation), Is.EqualTo(new[] { "/additionalProperties" }));
            Assert.That(result.Errors.Select(e => e.Message), Has.None.Contains(Secret).And.None.Contains("987654321"));
        });
    }

    [Test]
    public void Flag_output_lists_no_errors()
    {
        var validator = Compile("""{"type":"string"}""");
        Assert.That(validator.Validate("1"u8, SchemaOutputFormat.Flag), Is.SameAs(SchemaValidatorResult.Invalid));
    }

    [TestCase("{\"a\":", PayloadReadError.MalformedJson)]
    [TestCase("{} {}", PayloadReadError.MalformedJson)]
    [TestCase("", PayloadReadError.MalformedJson)]
    public void An_unreadable_payload_is_a_result_not_an_exception(string payload, PayloadReadError expected)
    {
        var result = Compile("{}").Validate(Encoding.UTF8.GetBytes(payload), SchemaOutputFormat.ListIfInvalid);
        Assert.That((result.IsValid, result.ReadError), Is.EqualTo((false, expected)));
    }

    [Test]
    public void A_payload_nested_deeper_than_the_engine_limit_is_refused_as_too_deep()
    {
        var payload = Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200));
        Assert.That(Compile("{}").Validate(payload, SchemaOutputFormat.ListIfInvalid).ReadError, Is.EqualTo(PayloadReadError.TooDeep));
    }

    [Test]
    public void Invalid_UTF8_is_refused_as_such()
    {
        byte[] payload = [(byte)'"', 0xC3, 0x28, (byte)'"'];
        Assert.That(Compile("{}").Validate(payload, SchemaOutputFormat.ListIfInvalid).ReadError, Is.EqualTo(PayloadReadError.InvalidUtf8));
    }

    [Test]
    public void One_compiled_schema_validates_from_many_pool_threads()
    {
        var validator = Compile("""{"type":"object","required":["id"],"properties":{"id":{"type":"integer"}}}""");
        var wrong = 0;
        Parallel.For(0, 2_000, i =>
        {
            var valid = i % 2 == 0;
            var result = validator.Validate(valid ? """{"id":1}"""u8 : """{"id":"x"}"""u8, SchemaOutputFormat.ListIfInvalid);
            if (result.IsValid != valid || (!valid && result.Errors.Count != 1)) Interlocked.Increment(ref wrong);
        });
        Assert.That(wrong, Is.Zero);
    }

    [Test]
    public void A_failed_not_that_JsonSchema_Net_reports_without_a_keyword_still_gets_one_located_error()
    {
        var result = Compile("""{"properties":{"a":{"not":{"type":"string"}}}}""").Validate("""{"a":"x"}"""u8, SchemaOutputFormat.ListIfInvalid);
        Assert.That(result.Errors.Select(e => (e.InstanceLocation, e.KeywordLocation, e.Keyword)), Is.EqualTo(new[] { ("/a", "/properties/a/not", "not") }));
    }
}
