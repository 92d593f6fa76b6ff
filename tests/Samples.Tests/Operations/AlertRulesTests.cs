using System.Text.RegularExpressions;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.Operations;

/// <summary>The alert and recording rules in docs/alerts pass promtool, and every alert is unit-tested.</summary>
public partial class AlertRulesTests
{
    private static readonly string[] ExpectedAlerts =
    [
        "SchemaWarnModeFailureRate", "SchemaStrictRejectionRate", "SchemaRegistryErrors", "SchemaRegistryUnreachable",
        "SchemaCacheHitRateLow", "SchemaDeadLetterQueueDepth", "SchemaDriftSustained",
        "HttpValidationErrorRatio", "HttpValidationLatencyHigh", "HttpWarnHeaderCoverageLow",
    ];

    [TestCaseSource(typeof(OperationsFiles), nameof(OperationsFiles.RuleFileNames))]
    public async Task Rule_file_passes_promtool_check_rules(string file)
    {
        var (exitCode, output) = await Promtool.RunAsync("check", "rules", Path.Combine(RepoPaths.Root, file));
        Assert.That(exitCode, Is.Zero, output);
    }

    [TestCaseSource(typeof(OperationsFiles), nameof(OperationsFiles.RuleTestFileNames))]
    public async Task Rule_unit_tests_pass_promtool_test_rules(string file)
    {
        var (exitCode, output) = await Promtool.RunAsync("test", "rules", Path.Combine(RepoPaths.Root, file));
        Assert.That(exitCode, Is.Zero, output);
    }

    [Test]
    public void The_rule_files_define_every_alert_the_rollout_plan_asks_for() =>
        Assert.That(Alerts().Select(a => a.Name).Distinct(), Is.EquivalentTo(ExpectedAlerts));

    [Test]
    public void Every_alert_severity_has_a_unit_test_where_it_fires_and_one_where_it_stays_silent()
    {
        var (fires, silent) = UnitTestCoverage();
        var missing = new List<string>();
        foreach (var (name, severity) in Alerts().Select(a => (a.Name, a.Severity)))
        {
            if (!fires.Contains((name, severity ?? string.Empty)))
            {
                missing.Add($"{name} ({severity}) never fires in a test");
            }

            if (!silent.Contains(name))
            {
                missing.Add($"{name} is never checked to stay silent");
            }
        }

        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void Every_alert_has_severity_summary_description_and_a_runbook_anchor_that_exists()
    {
        var anchors = RunbookAnchors();
        var problems = new List<string>();
        foreach (var alert in Alerts())
        {
            if (alert.Severity is not ("warning" or "critical"))
            {
                problems.Add($"{alert.Name}: severity '{alert.Severity}'");
            }

            if (!alert.Annotations.Contains("summary") || !alert.Annotations.Contains("description"))
            {
                problems.Add($"{alert.Name}: summary and description are required");
            }

            if (alert.RunbookUrl is not { } url || !url.StartsWith("docs/runbooks.md#", StringComparison.Ordinal) || !anchors.Contains(url[(url.IndexOf('#', StringComparison.Ordinal) + 1)..]))
            {
                problems.Add($"{alert.Name}: runbook_url '{alert.RunbookUrl}' does not point at a section of docs/runbooks.md");
            }
        }

        Assert.That(problems, Is.Empty);
    }

    internal sealed record AlertRule(string Name, string? Severity, string? RunbookUrl, IReadOnlySet<string> Annotations);

    /// <summary>Alert blocks of the rule files, read line by line (the files are ours and regular).</summary>
    internal static List<AlertRule> Alerts()
    {
        var alerts = new List<AlertRule>();
        foreach (var file in OperationsFiles.RuleFiles)
        {
            string? name = null, severity = null, runbook = null;
            var annotations = new HashSet<string>(StringComparer.Ordinal);
            var inAnnotations = false;
            foreach (var line in File.ReadAllLines(file).Append("  - record: end"))
            {
                var start = RuleStart().Match(line);
                if (start.Success)
                {
                    if (name is not null)
                    {
                        alerts.Add(new AlertRule(name, severity, runbook, annotations));
                    }

                    (name, severity, runbook, annotations, inAnnotations) = (start.Groups[1].Value == "alert" ? start.Groups[2].Value : null, null, null, new HashSet<string>(StringComparer.Ordinal), false);
                    continue;
                }

                if (name is null)
                {
                    continue;
                }

                var key = KeyValue().Match(line);
                if (!key.Success)
                {
                    continue;
                }

                var (field, value) = (key.Groups[1].Value, key.Groups[2].Value.Trim().Trim('"'));
                inAnnotations = field == "annotations" || (inAnnotations && field != "labels");
                if (field == "severity")
                {
                    severity = value;
                }
                else if (inAnnotations && field != "annotations")
                {
                    annotations.Add(field);
                    if (field == "runbook_url")
                    {
                        runbook = value;
                    }
                }
            }
        }

        return alerts;
    }

    private static (HashSet<(string Alert, string Severity)> Fires, HashSet<string> Silent) UnitTestCoverage()
    {
        var fires = new HashSet<(string, string)>();
        var silent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in OperationsFiles.RuleTestFiles)
        {
            string? alert = null;
            foreach (var line in File.ReadAllLines(file))
            {
                var name = AlertName().Match(line);
                if (name.Success)
                {
                    alert = name.Groups[1].Value;
                    continue;
                }

                if (alert is null)
                {
                    continue;
                }

                if (line.Trim() == "exp_alerts: []")
                {
                    silent.Add(alert);
                }

                var labels = ExpectedSeverity().Match(line);
                if (labels.Success)
                {
                    fires.Add((alert, labels.Groups[1].Value));
                }
            }
        }

        return (fires, silent);
    }

    /// <summary>GitHub's heading anchors: lower case, spaces to dashes, punctuation dropped.</summary>
    private static HashSet<string> RunbookAnchors() =>
        File.ReadAllLines(OperationsFiles.Runbooks)
            .Where(l => l.StartsWith('#'))
            .Select(l => AnchorPunctuation().Replace(l.TrimStart('#').Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*-\s+(alert|record):\s*(\S+)\s*$")]
    private static partial Regex RuleStart();

    [GeneratedRegex(@"^\s+([a-z_]+):\s*(.*)$")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"^\s*alertname:\s*(\S+)\s*$")]
    private static partial Regex AlertName();

    [GeneratedRegex(@"exp_labels:\s*\{\s*severity:\s*(\w+)")]
    private static partial Regex ExpectedSeverity();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex AnchorPunctuation();
}
