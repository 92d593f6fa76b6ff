using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Redis.Tests;

/// <summary>The package's log records are catalogued in docs/metrics.md (ids 1200–1249), exactly as the code has them.</summary>
public partial class RedisNotificationLogTests
{
    [Test]
    public void The_catalogue_in_the_docs_matches_the_code()
    {
        var inCode = typeof(RedisNotificationLog).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>()).Where(a => a is not null)
            .Select(a => (a!.EventId, a.EventName ?? "", a.Level.ToString())).OrderBy(e => e.EventId).ToList();
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "CoreRegistryClient.sln"))) directory = directory.Parent;
        var documented = CatalogueRow().Matches(File.ReadAllText(Path.Combine(directory.FullName, "docs", "metrics.md")))
            .Select(m => (int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["name"].Value, m.Groups["level"].Value))
            .OrderBy(e => e.Item1).ToList();

        Assert.That(inCode, Has.Count.EqualTo(5).And.All.Matches<(int Id, string, string)>(e => e.Id is >= 1200 and <= 1249));
        Assert.That(documented, Is.EqualTo(inCode));
    }

    [GeneratedRegex(@"^\| (?<id>12[0-4]\d) \| (?<name>\w+) \| (?<level>\w+) \|", RegexOptions.Multiline)]
    private static partial Regex CatalogueRow();
}
