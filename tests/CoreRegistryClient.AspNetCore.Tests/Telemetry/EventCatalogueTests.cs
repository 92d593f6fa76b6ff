using System.Reflection;
using System.Text.RegularExpressions;
using CoreRegistryClient.AspNetCore.Telemetry;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.AspNetCore.Tests.Telemetry;

/// <summary>The package's event-id catalogue in docs/http-validation.md is exactly the code's, in its own id range.</summary>
public partial class EventCatalogueTests
{
    private static List<(int Id, string Name, string Level)> InCode() =>
        [.. typeof(Log).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .Where(a => a is not null)
            .Select(a => (a!.EventId, a.EventName ?? "", a.Level.ToString()))
            .OrderBy(e => e.Item1)];

    [Test]
    public void Every_record_has_a_unique_name_and_an_id_in_1100_to_1199()
    {
        var events = InCode();
        Assert.Multiple(() =>
        {
            Assert.That(events, Is.Not.Empty);
            Assert.That(events.Select(e => e.Id), Is.Unique.And.All.InRange(1100, 1199));
            Assert.That(events.Select(e => e.Name), Is.Unique.And.None.Empty);
        });
    }

    [Test]
    public void The_catalogue_in_the_docs_matches_the_code()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "http-validation.md"));
        var documented = CatalogueRow().Matches(text)
            .Select(m => (int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["name"].Value, m.Groups["level"].Value))
            .OrderBy(e => e.Item1).ToList();
        Assert.That(documented, Is.EqualTo(InCode()));
    }

    [GeneratedRegex(@"^\| (?<id>11\d{2}) \| (?<name>\w+) \| (?<level>\w+) \|", RegexOptions.Multiline)]
    private static partial Regex CatalogueRow();
}
