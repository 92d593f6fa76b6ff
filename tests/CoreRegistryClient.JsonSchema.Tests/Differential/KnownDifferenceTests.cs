using System.Runtime.InteropServices;

namespace CoreRegistryClient.JsonSchema.Tests.Differential;

/// <summary>One test per entry of <c>known-differences.json</c>: the example still shows the difference, each
/// engine gives the verdict recorded, and the entry says why.</summary>
[TestFixture]
[Category("Differential")]
public sealed class KnownDifferenceTests
{
    public static IEnumerable<TestCaseData> Entries() => KnownDifferences.Entries.Select(e => new TestCaseData(e).SetName("Known difference: " + e.Id));

    [TestCaseSource(nameof(Entries))]
    public void The_known_difference_still_holds(KnownDifference entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var validator = new JsonSchemaCompiler(new JsonSchemaOptions
        {
            DefaultDraft = entry.Draft,
            FormatAssertion = entry.FormatAssertion,
            ContentAssertion = entry.ContentAssertion,
        }).Compile(entry.Schema);
        var instance = JsonMarshal.GetRawUtf8Value(entry.Instance).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(entry.Reason, Is.Not.Empty);
            Assert.That(validator.IsValid(instance), Is.EqualTo(entry.Ours), "our verdict");
            Assert.That(validator.Validate(instance).IsValid, Is.EqualTo(entry.Ours), "our list output");
            if (JsonSchemaNetOracle.Supports(entry.Draft))
            {
                Assert.That(JsonSchemaNetOracle.IsValid(entry.Schema, entry.Draft, entry.Instance, entry.FormatAssertion), Is.EqualTo(entry.JsonSchemaNet), "JsonSchema.Net's verdict");
            }
        });
    }
}
