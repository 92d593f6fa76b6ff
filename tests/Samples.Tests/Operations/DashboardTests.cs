using System.Text.Json;

namespace CoreRegistryClient.Samples.Tests.Operations;

public class DashboardTests
{
    [Test]
    public void Dashboard_is_importable_json_with_unique_panel_ids_and_a_query_per_panel()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(OperationsFiles.Dashboard));
        var root = document.RootElement;
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        var graphs = panels.Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("uid").GetString(), Is.Not.Empty);
            Assert.That(panels.Select(p => p.GetProperty("id").GetInt32()), Is.Unique);
            Assert.That(graphs.Where(p => p.GetProperty("targets").GetArrayLength() == 0).Select(p => p.GetProperty("title").GetString()), Is.Empty);
            Assert.That(root.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "datasource", "job", "schema" }));
        });
    }

    [Test]
    public void Dashboard_shows_every_alerted_series()
    {
        var queries = string.Join('\n', PromqlReferences.FromDashboard(OperationsFiles.Dashboard));
        var alerted = new[]
        {
            "job_schema:schema_warn_failure_ratio:rate5m", "job_schema:schema_rejection_ratio:rate5m", "job_schema:schema_cache_hit_ratio:rate5m",
            "schema_registry_errors_total", "pipeline_dead_letter_queue_depth", "repo_track_schema:schema_drift_last_detected_age_seconds",
            "job_schema:schema_validation_duration_seconds:p99_rate5m",
        };
        Assert.That(alerted.Where(a => !queries.Contains(a, StringComparison.Ordinal)), Is.Empty);
    }
}
