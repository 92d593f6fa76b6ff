using System.Globalization;
using System.Text.RegularExpressions;

namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>Reads Prometheus text exposition as scraped, so tests can look a series up by name and the labels they
/// care about, whatever else the exporter adds (<c>otel_scope_*</c>, label order).</summary>
internal sealed partial class PrometheusText(string text)
{
    public string Text { get; } = text;

    /// <summary>Every sample: name, labels, value.</summary>
    public IEnumerable<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Samples()
    {
        foreach (var line in Text.Split('\n'))
        {
            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups[1].Value, m => Regex.Unescape(m.Groups[2].Value), StringComparer.Ordinal);
            yield return (match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value.Replace("+Inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The value of the one series of <paramref name="name"/> whose labels include <paramref name="labels"/>;
    /// null when there is none; fails when several match.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels)
    {
        var matching = Samples().Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();
        Assert.That(matching, Has.Count.LessThanOrEqualTo(1), $"more than one {name} series matches");
        return matching.Count == 0 ? null : matching[0].Value;
    }

    /// <summary>The metric families (<c># TYPE</c> lines).</summary>
    public IReadOnlyList<string> Families() => TypeLine().Matches(Text).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?\s*$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();

    [GeneratedRegex(@"^# TYPE (\S+) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
