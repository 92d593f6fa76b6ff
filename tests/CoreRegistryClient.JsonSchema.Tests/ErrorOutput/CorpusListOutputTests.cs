namespace CoreRegistryClient.JsonSchema.Tests.ErrorOutput;

/// <summary>Every field of every error, in order, that list output reports for the bench-corpus invalid payloads
/// (default options, values quoted, formats asserted), against a recorded copy: speed work on list output must not
/// change a byte of it.</summary>
[TestFixture]
public sealed class CorpusListOutputTests
{
    private static readonly (string Name, JsonSchemaOptions Options)[] s_variants =
    [
        ("default", new JsonSchemaOptions()),
        ("values", new JsonSchemaOptions { IncludeValuesInMessages = true }),
        ("formats", new JsonSchemaOptions { FormatAssertion = true }),
    ];

    [Test]
    public void Invalid_corpus_payloads_report_exactly_the_recorded_errors()
    {
        var expected = File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "ErrorOutput", "corpus-invalid-list-output.txt"));

        var actual = Lines(OutputFormat.List);

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void List_if_invalid_reports_the_same_errors_as_list()
        => Assert.That(Lines(OutputFormat.ListIfInvalid), Is.EqualTo(Lines(OutputFormat.List)));

    [Test]
    public void A_second_validation_reports_equal_errors_in_fresh_objects()
    {
        var validator = BenchCorpus.Compile(BenchCorpus.AllocationRequest);
        var payload = BenchCorpus.Invalid(BenchCorpus.AllocationRequest);

        var first = validator.Validate(payload).Errors;
        var second = validator.Validate(payload).Errors;

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(second, Is.Not.SameAs(first));
            for (var i = 0; i < first.Count; i++)
            {
                Assert.That(second[i], Is.Not.SameAs(first[i]), first[i].KeywordLocation);
            }
        });
    }

    private static List<string> Lines(OutputFormat format)
    {
        var lines = new List<string>();
        foreach (var name in BenchCorpus.Names)
        {
            foreach (var (variant, options) in s_variants)
            {
                var result = BenchCorpus.Compile(name, options).Validate(BenchCorpus.Invalid(name), format);
                lines.Add($"{name} {variant}: {result.Errors.Count} errors");
                lines.AddRange(result.Errors.Select(e => $"  {e.InstanceLocation} | {e.KeywordLocation} | {e.AbsoluteKeywordLocation} | {e.Keyword} | {e.Message}"));
            }
        }

        return lines;
    }
}
