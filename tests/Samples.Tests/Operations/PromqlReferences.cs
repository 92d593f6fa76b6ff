using System.Text.Json;
using System.Text.RegularExpressions;

namespace CoreRegistryClient.Samples.Tests.Operations;

/// <summary>Finds PromQL expressions in the operations files and the metric names they reference.</summary>
internal static partial class PromqlReferences
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "Inf", "NaN", "inf", "nan",
    };

    /// <summary>PromQL expressions under <c>expr:</c> or <c>query:</c> keys of a YAML file (plain or <c>|</c> block values).</summary>
    public static IEnumerable<string> FromYaml(string path)
    {
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = YamlExprKey().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var value = match.Groups["value"].Value.Trim();
            if (value is "|" or ">" or "|-" or ">-")
            {
                var indent = match.Groups["indent"].Value.Length;
                var block = new List<string>();
                while (i + 1 < lines.Length && (lines[i + 1].Trim().Length == 0 || lines[i + 1].Length - lines[i + 1].TrimStart().Length > indent))
                {
                    block.Add(lines[++i].Trim());
                }

                yield return string.Join(' ', block).Trim();
            }
            else
            {
                yield return value.Trim('"', '\'');
            }
        }
    }

    /// <summary>PromQL in a Grafana dashboard: every target's <c>expr</c> and every templating query.</summary>
    public static IEnumerable<string> FromDashboard(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var found = new List<string>();
        Collect(document.RootElement, found);
        return found;
    }

    /// <summary>The metric (or recording rule) names an expression selects.</summary>
    public static IReadOnlyList<string> MetricNames(string promql)
    {
        var text = Quoted().Replace(promql, "\"\"");
        text = LabelValuesCall().Replace(text, "$1");
        text = Matchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        var names = new List<string>();
        foreach (Match token in Identifier().Matches(text))
        {
            var rest = text[(token.Index + token.Length)..].TrimStart();
            if (rest.StartsWith('(') || Keywords.Contains(token.Value))
            {
                continue;
            }

            names.Add(token.Value);
        }

        return names;
    }

    /// <summary>Names defined by <c>- record:</c> in the rule files.</summary>
    public static IReadOnlySet<string> RecordingRules(IEnumerable<string> ruleFiles) =>
        ruleFiles.SelectMany(File.ReadAllLines).Select(l => RecordKey().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    private static void Collect(JsonElement element, List<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "expr" or "query" or "definition" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        var value = property.Value.GetString()!;

                        // The datasource variable's query is a plugin type, not PromQL.
                        if (value != "prometheus")
                        {
                            found.Add(value);
                        }
                    }
                    else
                    {
                        Collect(property.Value, found);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found);
                }

                break;
        }
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?:-\s+)?(?:expr|query):\s*(?<value>.*)$")]
    private static partial Regex YamlExprKey();

    [GeneratedRegex(@"^\s*-\s+record:\s*(\S+)\s*$")]
    private static partial Regex RecordKey();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"label_values\(\s*([^,()]*?)\s*,\s*[a-zA-Z_]\w*\s*\)")]
    private static partial Regex LabelValuesCall();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
