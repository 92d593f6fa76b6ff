using System.Reflection;
using System.Text.RegularExpressions;
using CoreRegistryClient.Drift;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Tests.Telemetry;

/// <summary>One logging style and one event-id catalogue: every SDK log record is a <c>[LoggerMessage]</c> with an
/// <c>EventName</c>, ids are unique, and docs/metrics.md lists exactly the ids, names and levels the code has (the Redis package checks its own
/// 12xx rows).</summary>
public partial class EventIdCatalogueTests
{
    private static readonly Type[] LogClasses = [typeof(Log), typeof(RegistryLog), typeof(DriftLog)];

    private static List<(int Id, string Name, string Level)> InCode() =>
        [.. LogClasses.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .Where(a => a is not null)
            .Select(a => (a!.EventId, a.EventName ?? "", a.Level.ToString()))
            .OrderBy(e => e.Item1)];

    [Test]
    public void Every_record_has_a_unique_id_and_a_name()
    {
        var events = InCode();
        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.GreaterThan(30));
            Assert.That(events.Select(e => e.Id), Is.Unique);
            Assert.That(events.Select(e => e.Name), Is.Unique.And.None.Empty);
        });
    }

    [Test]
    public void The_catalogue_in_the_docs_matches_the_code()
    {
        var documented = CatalogueRow().Matches(RepositoryDocs.Read("metrics.md"))
            .Select(m => (int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["name"].Value, m.Groups["level"].Value))
            .OrderBy(e => e.Item1).ToList();
        Assert.That(documented, Is.EqualTo(InCode()));
    }

    [Test]
    public void The_fetch_failure_record_says_what_serves_in_words()
    {
        var message = typeof(Log).GetMethod(nameof(Log.RegistryFetchFailed))!.GetCustomAttribute<LoggerMessageAttribute>()!.Message;
        Assert.That(message, Does.Not.Contain("{HasValidator}"), "'serving the last good validator: False' read as if it served");
    }

    [GeneratedRegex(@"^\| (?<id>10\d{2}|[24]\d{3}) \| (?<name>\w+) \| (?<level>\w+) \|", RegexOptions.Multiline)]
    private static partial Regex CatalogueRow();
}
