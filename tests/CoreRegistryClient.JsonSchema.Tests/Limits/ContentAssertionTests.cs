namespace CoreRegistryClient.JsonSchema.Tests.Limits;

/// <summary>Issue 10 §4: draft-07 <c>contentMediaType</c>/<c>contentEncoding</c> are annotations by default, as
/// other validators treat them; <see cref="JsonSchemaOptions.ContentAssertion"/> asserts them.</summary>
[TestFixture]
public sealed class ContentAssertionTests
{
    private const string JsonContent = """{"$schema": "http://json-schema.org/draft-07/schema#", "contentMediaType": "application/json"}""";
    private const string Base64Content = """{"$schema": "http://json-schema.org/draft-07/schema#", "contentEncoding": "base64"}""";

    [Test]
    public void Draft7_content_keywords_are_annotations_by_default()
    {
        Assert.Multiple(() =>
        {
            Assert.That(JsonSchemaValidator.Parse(JsonContent).IsValid("\"\""), Is.True);
            Assert.That(JsonSchemaValidator.Parse(Base64Content).IsValid("\"not base64!\""), Is.True);
        });
    }

    [Test]
    public void Content_assertion_checks_json_and_base64_when_asked_for()
    {
        var options = new JsonSchemaOptions { ContentAssertion = true };

        Assert.Multiple(() =>
        {
            Assert.That(JsonSchemaValidator.Parse(JsonContent, options).IsValid("\"\""), Is.False);
            Assert.That(JsonSchemaValidator.Parse(JsonContent, options).IsValid("\"{\\\"a\\\": 1}\""), Is.True);
            Assert.That(JsonSchemaValidator.Parse(Base64Content, options).IsValid("\"not base64!\""), Is.False);
            Assert.That(JsonSchemaValidator.Parse(Base64Content, options).IsValid("\"aGVsbG8=\""), Is.True);
        });
    }
}
