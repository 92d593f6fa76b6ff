using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Tests.Limits;

/// <summary>Issue 10 §2: reaching the instance depth limit says so the way the other limits do, naming the number
/// and the option that sets it, whatever form the instance is given in.</summary>
[TestFixture]
public sealed class InstanceDepthLimitTests
{
    private static readonly string TooDeep = new string('[', 129) + new string(']', 129);

    private static IEnumerable<TestCaseData> Forms()
    {
        yield return new TestCaseData((Func<JsonSchemaValidator, ValidationResult>)(v => v.Validate(TooDeep))).SetArgDisplayNames("string");
        yield return new TestCaseData((Func<JsonSchemaValidator, ValidationResult>)(v => v.Validate(System.Text.Encoding.UTF8.GetBytes(TooDeep)))).SetArgDisplayNames("bytes");
        yield return new TestCaseData((Func<JsonSchemaValidator, ValidationResult>)(v =>
        {
            using var document = JsonDocument.Parse(TooDeep, new JsonDocumentOptions { MaxDepth = 1000 });
            return v.Validate(document.RootElement);
        })).SetArgDisplayNames("JsonElement");
    }

    [TestCaseSource(nameof(Forms))]
    public void An_instance_one_level_past_the_limit_is_reported_with_the_limit_and_its_option(Func<JsonSchemaValidator, ValidationResult> validate)
    {
        var result = validate(JsonSchemaValidator.Parse("{}"));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.InputError, Is.EqualTo(InputErrorKind.DepthExceeded));
            Assert.That(result.InputErrorMessage, Does.Contain("nests deeper than 128 levels (the limit; JsonSchemaOptions.MaxDepth)"));
            Assert.That(result.BytePosition, Is.EqualTo(128), "the bracket one level too deep");
        });
    }
}
