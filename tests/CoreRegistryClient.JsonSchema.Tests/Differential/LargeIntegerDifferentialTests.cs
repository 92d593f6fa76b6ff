using System.Text;
using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Tests.Differential;

/// <summary>Issue 10 §8: integers past double precision (2^53) and past <c>decimal</c>'s 28 digits are not a
/// known difference. Each case is one a double comparison gets wrong (the two numbers round to the same double,
/// or the remainder is lost), so both engines must compare the exact integers, and both must give the verdict
/// exact arithmetic gives.</summary>
[TestFixture]
[Category("Differential")]
public sealed class LargeIntegerDifferentialTests
{
    [TestCase("""{"maximum":9007199254740992}""", "9007199254740993", false, TestName = "maximum 2^53 refuses 2^53 + 1")]
    [TestCase("""{"maximum":9007199254740993}""", "9007199254740993", true, TestName = "maximum 2^53 + 1 accepts itself")]
    [TestCase("""{"minimum":9007199254740993}""", "9007199254740992", false, TestName = "minimum 2^53 + 1 refuses 2^53")]
    [TestCase("""{"exclusiveMaximum":9007199254740993}""", "9007199254740993", false, TestName = "exclusiveMaximum 2^53 + 1 refuses itself")]
    [TestCase("""{"exclusiveMinimum":9007199254740992}""", "9007199254740993", true, TestName = "exclusiveMinimum 2^53 accepts 2^53 + 1")]
    [TestCase("""{"multipleOf":2}""", "9007199254740993", false, TestName = "multipleOf 2 refuses the odd 2^53 + 1")]
    [TestCase("""{"multipleOf":3}""", "9007199254740993", true, TestName = "multipleOf 3 accepts 2^53 + 1, which 3 divides")]
    [TestCase("""{"maximum":123456789012345678901234567890}""", "123456789012345678901234567891", false, TestName = "maximum past 28 digits refuses the next integer")]
    [TestCase("""{"minimum":123456789012345678901234567890}""", "123456789012345678901234567890", true, TestName = "minimum past 28 digits accepts itself")]
    [TestCase("""{"multipleOf":10}""", "100000000000000000000000000000001", false, TestName = "multipleOf 10 refuses 10^32 + 1")]
    public void Both_engines_compare_large_integers_exactly(string schema, string instance, bool expected)
    {
        using var schemaDocument = JsonDocument.Parse(schema);
        using var instanceDocument = JsonDocument.Parse(instance);
        var validator = new JsonSchemaCompiler(new JsonSchemaOptions { DefaultDraft = SchemaDraft.Draft202012 }).Compile(schemaDocument.RootElement);

        Assert.Multiple(() =>
        {
            Assert.That(validator.IsValid(Encoding.UTF8.GetBytes(instance)), Is.EqualTo(expected), "our verdict");
            Assert.That(JsonSchemaNetOracle.IsValid(schemaDocument.RootElement, SchemaDraft.Draft202012, instanceDocument.RootElement, formatAssertion: false), Is.EqualTo(expected), "JsonSchema.Net's verdict");
        });
    }
}
