using System.Runtime.InteropServices;

namespace CoreRegistryClient.JsonSchema.Tests.Conformance;

/// <summary>Every required test of the JSON-Schema-Test-Suite for drafts 4, 6, 7, 2019-09 and 2020-12.</summary>
[TestFixture]
[Category("Conformance")]
[Parallelizable(ParallelScope.All)]
public sealed class RequiredSuiteTests
{
    public static IEnumerable<TestCaseData> Cases()
        => SuiteLoader.Drafts.SelectMany(d => SuiteLoader.Required(d.Directory))
            .Select(c => new TestCaseData(c).SetName(c.Name));

    [TestCaseSource(nameof(Cases))]
    public void Instance_validates_as_the_suite_expects(SuiteCase test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var validator = SuiteLoader.Compile(test);
        var bytes = JsonMarshal.GetRawUtf8Value(test.Data).ToArray();

        var flag = validator.IsValid(bytes);
        var list = validator.Validate(bytes, OutputFormat.List);

        Assert.Multiple(() =>
        {
            Assert.That(flag, Is.EqualTo(test.Valid), "flag output");
            Assert.That(list.IsValid, Is.EqualTo(test.Valid), "list output");
            Assert.That(list.Errors, test.Valid ? Is.Empty : Is.Not.Empty, "list output errors");
        });
    }

    [TestCase("draft4", 618)]
    [TestCase("draft6", 839)]
    [TestCase("draft7", 927)]
    [TestCase("draft2019-09", 1259)]
    [TestCase("draft2020-12", 1299)]
    public void The_whole_required_suite_is_loaded(string draft, int expected)
        => Assert.That(SuiteLoader.Required(draft).Count(), Is.EqualTo(expected));
}
