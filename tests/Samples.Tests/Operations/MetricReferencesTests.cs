using System.Text;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.Operations;

/// <summary>The alert rules, dashboard and Kubernetes manifests reference only series the samples export
/// (or recording rules defined in docs/alerts), and their PromQL parses.</summary>
public class MetricReferencesTests
{
    public static IEnumerable<TestCaseData> FilesWithPromql()
    {
        foreach (var file in OperationsFiles.RuleFiles.Concat(OperationsFiles.KubernetesFiles))
        {
            yield return new TestCaseData(Path.GetRelativePath(RepoPaths.Root, file));
        }

        yield return new TestCaseData(Path.GetRelativePath(RepoPaths.Root, OperationsFiles.Dashboard));
    }

    private static IReadOnlyList<string> Expressions(string file) =>
        file.EndsWith(".json", StringComparison.Ordinal)
            ? PromqlReferences.FromDashboard(Path.Combine(RepoPaths.Root, file)).ToList()
            : PromqlReferences.FromYaml(Path.Combine(RepoPaths.Root, file)).ToList();

    [TestCaseSource(nameof(FilesWithPromql))]
    public void Every_metric_referenced_is_exported_or_a_recording_rule(string file)
    {
        var recorded = PromqlReferences.RecordingRules(OperationsFiles.RuleFiles);
        var unknown = Expressions(file)
            .SelectMany(PromqlReferences.MetricNames)
            .Where(name => !ExportedMetrics.IsExportedSeries(name) && !recorded.Contains(name))
            .Distinct()
            .ToList();
        Assert.That(unknown, Is.Empty, $"{file} references series nothing exports");
    }

    [Test]
    public void The_files_that_should_reference_metrics_do()
    {
        var withMetrics = FilesWithPromql()
            .Select(c => (string)c.Arguments[0]!)
            .Where(f => Expressions(f).SelectMany(PromqlReferences.MetricNames).Any())
            .Select(Path.GetFileName);
        Assert.That(withMetrics, Is.SupersetOf(new[] { "schema-enforcement.rules.yml", "schema-drift.rules.yml", "prometheusrule.yaml", "scaledobject.yaml", "schema-enforcement.json" }));
    }

    [Test]
    public void Every_exported_family_except_request_counts_is_used_by_an_alert_or_the_dashboard()
    {
        var used = FilesWithPromql().Select(c => (string)c.Arguments[0]!).SelectMany(Expressions).SelectMany(PromqlReferences.MetricNames).ToHashSet(StringComparer.Ordinal);
        var unused = ExportedMetrics.Counters.Concat(ExportedMetrics.Gauges)
            .Where(m => !used.Contains(m))
            .Concat(ExportedMetrics.Histograms.Where(h => !used.Contains(h + "_bucket") && !used.Contains(h + "_count")))
            .ToList();
        Assert.That(unused, Is.Empty);
    }

    [TestCase("sum by (job, schema) (rate(schema_validation_total{outcome=\"failure\"}[5m]))", new[] { "schema_validation_total" })]
    [TestCase("histogram_quantile(0.99, sum by (le) (rate(x_bucket{a=\"b\"}[$__rate_interval])))", new[] { "x_bucket" })]
    [TestCase("a:b:c > 0.02 and on (job) up == 1", new[] { "a:b:c", "up" })]
    [TestCase("label_values(schema_validation_total{job=~\"$job\"}, schema)", new[] { "schema_validation_total" })]
    [TestCase("time() - max without (instance) (ts) < 9e2 offset 5m", new[] { "ts" })]
    public void Metric_names_are_found_in_promql_and_labels_functions_and_numbers_are_not(string promql, string[] expected) =>
        Assert.That(PromqlReferences.MetricNames(promql), Is.EqualTo(expected));

    [Test]
    public void A_reference_to_a_series_nothing_exports_is_caught() =>
        Assert.That(PromqlReferences.MetricNames("rate(schema_validations_total[5m])").Where(n => !ExportedMetrics.IsExportedSeries(n)), Is.EqualTo(new[] { "schema_validations_total" }));

    [Test]
    public async Task Every_dashboard_and_manifest_query_is_valid_promql()
    {
        // promtool has no "check expression"; a recording rule per query makes it parse each one.
        var queries = PromqlReferences.FromDashboard(OperationsFiles.Dashboard)
            .Concat(OperationsFiles.KubernetesFiles.Where(f => !f.EndsWith("prometheusrule.yaml", StringComparison.Ordinal)).SelectMany(PromqlReferences.FromYaml))
            .Where(q => !q.StartsWith("label_values(", StringComparison.Ordinal))
            .Select(q => q.Replace("$__rate_interval", "5m", StringComparison.Ordinal).Replace("$job", ".*", StringComparison.Ordinal).Replace("$schema", ".*", StringComparison.Ordinal))
            .ToList();
        var rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        for (var i = 0; i < queries.Count; i++)
        {
            rules.Append("      - record: query_").Append(i).Append("\n        expr: '").Append(queries[i].Replace("'", "''", StringComparison.Ordinal)).Append("'\n");
        }

        var path = Path.Combine(Path.GetTempPath(), $"dashboard-queries-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, rules.ToString());
        try
        {
            var (exitCode, output) = await Promtool.RunAsync("check", "rules", path);
            Assert.Multiple(() =>
            {
                Assert.That(queries, Has.Count.GreaterThan(15));
                Assert.That(exitCode, Is.Zero, output + "\n" + rules);
            });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
