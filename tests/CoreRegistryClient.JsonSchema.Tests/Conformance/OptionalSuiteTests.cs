using System.Runtime.InteropServices;

namespace CoreRegistryClient.JsonSchema.Tests.Conformance;

/// <summary>The suite's <c>optional/</c> tests (format tests with format assertion on).</summary>
[TestFixture]
[Category("ConformanceOptional")]
[Parallelizable(ParallelScope.All)]
public sealed class OptionalSuiteTests
{
    public static IEnumerable<TestCaseData> Cases()
        => SuiteLoader.Drafts.SelectMany(d => SuiteLoader.Optional(d.Directory))
            .Select(c => new TestCaseData(c).SetName(c.Name));

    [TestCaseSource(nameof(Cases))]
    public void Optional_instance_validates_as_the_suite_expects(SuiteCase test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var validator = SuiteLoader.Compile(test);
        var bytes = JsonMarshal.GetRawUtf8Value(test.Data).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(validator.IsValid(bytes), Is.EqualTo(test.Valid), "flag output");
            Assert.That(validator.Validate(bytes, OutputFormat.List).IsValid, Is.EqualTo(test.Valid), "list output");
        });
    }
}
