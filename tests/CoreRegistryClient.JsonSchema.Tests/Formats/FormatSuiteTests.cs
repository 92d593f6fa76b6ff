using System.Text.Json;
using CoreRegistryClient.JsonSchema.Formats;

namespace CoreRegistryClient.JsonSchema.Tests.Formats;

/// <summary>Every string instance of the suite's optional/format files, for every draft, checked directly against
/// the format checker (the engine's own suite run covers non-string instances and the keyword plumbing).</summary>
public class FormatSuiteTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var (draft, file, groups) in OptionalSuiteFiles.FormatFiles())
        {
            foreach (var group in groups.EnumerateArray())
            {
                if (!group.GetProperty("schema").TryGetProperty("format", out var format))
                {
                    continue;
                }

                foreach (var test in group.GetProperty("tests").EnumerateArray())
                {
                    var data = test.GetProperty("data");
                    if (data.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    var name = $"{draft} {file}: {group.GetProperty("description").GetString()} / {test.GetProperty("description").GetString()}";
                    yield return new TestCaseData(format.GetString()!, data.GetString()!, test.GetProperty("valid").GetBoolean()).SetName(name);
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Format_checker_agrees_with_the_suite(string format, string instance, bool valid)
    {
        var checker = FormatRegistry.Get(format);

        // An unknown format has no checker and always passes.
        var actual = checker is null || checker(instance);
        Assert.That(actual, Is.EqualTo(valid), $"format '{format}', instance {JsonSerializer.Serialize(instance)}");
    }

    [Test]
    public void Every_format_the_specification_names_has_a_checker()
    {
        string[] formats =
        [
            "date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6",
            "uri", "uri-reference", "iri", "iri-reference", "uri-template", "uuid", "json-pointer",
            "relative-json-pointer", "regex",
        ];

        Assert.That(formats.Where(f => FormatRegistry.Get(f) is null), Is.Empty);
        Assert.That(FormatRegistry.Get("unknown"), Is.Null);
        var first = FormatRegistry.Get("date-time");
        Assert.That(FormatRegistry.Get("date-time"), Is.SameAs(first), "checkers are cached, not allocated per lookup");
    }
}
