using System.Text.RegularExpressions;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.Operations;

/// <summary>The alert and recording rules in docs/alerts pass promtool, and every alert is unit-tested.</summary>
public partial class AlertRulesTests
{
    private static readonly string[] ExpectedAlerts =
    [
        "SchemaWarnModeFailureRate", "SchemaStrictRejectionRate", "SchemaRegistryErrors", "RegistryUnreachable",
        "SchemaCacheHitRateLow", "SchemaDeadLetterQueueDepth", "CriticalSchemaDriftSustained", "SchemaDriftActive",
        "PipelineQueueHigh", "PipelineHardBackpressure", "PipelineRateScaleLow",
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

    /// <summary>The seed alerts of the go-live plans (KEDA rollout guide, store checklist) with their exact values.</summary>
    [TestCase("PipelineQueueHigh", "max(pipeline_feedback_queue_depth{source=\"store_coordinator\"}) > 8000", "5m", "warning")]
    [TestCase("PipelineHardBackpressure", "max(pipeline_backpressure_state{provider=\"ibkr\"}) == 2", "2m", "critical")]
    [TestCase("PipelineRateScaleLow", "avg(pipeline_rate_scale_factor{provider=\"ibkr\"}) < 0.3", "10m", "warning")]
    [TestCase("CriticalSchemaDriftSustained", "repo_track_schema:schema_drift_last_detected_age_seconds{schema=\"telemetry.FeedbackEvent\"} < 900", "30m", "warning")]
    [TestCase("SchemaDriftActive", "repo_track_schema:schema_drift_last_detected_age_seconds < 900", "1h", "info")]
    [TestCase("RegistryUnreachable", "job:schema_registry_unavailable_errors:rate5m > 0", "10m", "critical")]
    public void A_seed_alert_has_the_plans_expression_duration_and_severity(string name, string expr, string duration, string severity) =>
        Assert.That(Alerts().Where(a => a.Name == name).Select(a => (a.Expr, a.For, a.Severity)), Is.EqualTo(new[] { (expr, (string?)duration, (string?)severity) }));

    [Test]
    public void The_registry_unreachable_recording_rule_counts_no_answer_and_5xx_but_not_wrong_requests()
    {
        var rule = OperationsFiles.RuleFiles.SelectMany(f => YamlDocuments.Load(f).Items("groups")).SelectMany(g => g.Items("rules"))
            .Single(r => r.Text("record") == "job:schema_registry_unavailable_errors:rate5m");
        Assert.That(rule.Text("expr"), Is.EqualTo("sum by (job) (rate(schema_registry_errors_total{error_type=~\"network|timeout|circuit_open|server\"}[5m]))"));
    }

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
            if (alert.Severity is not ("info" or "warning" or "critical"))
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

    internal sealed record AlertRule(string Name, string Expr, string? For, string? Severity, string? RunbookUrl, IReadOnlySet<string> Annotations);

    /// <summary>The alerting rules of every rule file, parsed.</summary>
    internal static List<AlertRule> Alerts() =>
        [.. OperationsFiles.RuleFiles
            .SelectMany(file => YamlDocuments.Load(file).Items("groups"))
            .SelectMany(group => group.Items("rules"))
            .Where(rule => rule.Text("alert") is not null)
            .Select(rule =>
            {
                var annotations = (rule.Get("annotations") as YamlDotNet.RepresentationModel.YamlMappingNode).Scalars();
                return new AlertRule(rule.Text("alert")!, rule.Text("expr")!.Trim(), rule.Text("for"),
                    (rule.Get("labels") as YamlDotNet.RepresentationModel.YamlMappingNode).Scalars().GetValueOrDefault("severity"),
                    annotations.GetValueOrDefault("runbook_url"), annotations.Keys.ToHashSet(StringComparer.Ordinal));
            })];

    /// <summary>Which (alert, severity) a promtool test expects to fire, and which alerts a test expects silent.</summary>
    private static (HashSet<(string Alert, string Severity)> Fires, HashSet<string> Silent) UnitTestCoverage()
    {
        var fires = new HashSet<(string, string)>();
        var silent = new HashSet<string>(StringComparer.Ordinal);
        var checks = OperationsFiles.RuleTestFiles
            .SelectMany(file => YamlDocuments.Load(file).Items("tests"))
            .SelectMany(test => test.Items("alert_rule_test"));
        foreach (var check in checks)
        {
            var alert = check.Text("alertname")!;
            var expected = check.Items("exp_alerts").ToList();
            if (expected.Count == 0)
            {
                silent.Add(alert);
            }

            foreach (var firing in expected)
            {
                fires.Add((alert, (firing.Get("exp_labels") as YamlDotNet.RepresentationModel.YamlMappingNode).Scalars().GetValueOrDefault("severity") ?? ""));
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

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex AnchorPunctuation();
}
