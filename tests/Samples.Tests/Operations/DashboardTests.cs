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

    private static JsonElement Panel(JsonDocument dashboard, string title) =>
        dashboard.RootElement.GetProperty("panels").EnumerateArray().Single(p => p.GetProperty("title").GetString() == title);

    private static string Query(JsonElement panel) => panel.GetProperty("targets").EnumerateArray().Single().GetProperty("expr").GetString()!;

    /// <summary>(value, color) of each threshold step; the base step's value is null in Grafana.</summary>
    private static (double? Value, string Color)[] Steps(JsonElement panel) =>
        [.. panel.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("thresholds").GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("value").ValueKind == JsonValueKind.Null ? (double?)null : s.GetProperty("value").GetDouble(), s.GetProperty("color").GetString()!))];

    [Test]
    public void Store_queue_depth_is_a_time_series_of_the_trigger_query_yellow_from_5000_and_red_from_8000()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(OperationsFiles.Dashboard));
        var panel = Panel(dashboard, "Store Queue Depth");
        Assert.Multiple(() =>
        {
            Assert.That(panel.GetProperty("type").GetString(), Is.EqualTo("timeseries"));
            Assert.That(Query(panel), Is.EqualTo("max(pipeline_feedback_queue_depth{source=\"store_coordinator\"})"));
            Assert.That(Steps(panel), Is.EqualTo(new (double?, string)[] { (null, "green"), (5000, "yellow"), (8000, "red") }));
        });
    }

    [Test]
    public void Pipeline_rate_scale_is_a_gauge_from_0_to_1_red_yellow_from_half_green_from_0_9()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(OperationsFiles.Dashboard));
        var panel = Panel(dashboard, "Pipeline Rate Scale");
        var defaults = panel.GetProperty("fieldConfig").GetProperty("defaults");
        Assert.Multiple(() =>
        {
            Assert.That(panel.GetProperty("type").GetString(), Is.EqualTo("gauge"));
            Assert.That((defaults.GetProperty("min").GetDouble(), defaults.GetProperty("max").GetDouble()), Is.EqualTo((0.0, 1.0)));
            Assert.That(Query(panel), Is.EqualTo("avg(pipeline_rate_scale_factor{provider=\"ibkr\"})"));
            Assert.That(Steps(panel), Is.EqualTo(new (double?, string)[] { (null, "red"), (0.5, "yellow"), (0.9, "green") }), "the base step (null) starts at min, 0");
        });
    }

    [Test]
    public void Backpressure_state_is_a_stat_mapping_0_1_2_to_ok_soft_hard()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(OperationsFiles.Dashboard));
        var panel = Panel(dashboard, "Backpressure State");
        var mapping = panel.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("mappings").EnumerateArray().Single();
        var options = mapping.GetProperty("options");
        Assert.Multiple(() =>
        {
            Assert.That(panel.GetProperty("type").GetString(), Is.EqualTo("stat"));
            Assert.That(mapping.GetProperty("type").GetString(), Is.EqualTo("value"));
            Assert.That(new[] { "0", "1", "2" }.Select(v => options.GetProperty(v).GetProperty("text").GetString()), Is.EqualTo(new[] { "OK", "SOFT", "HARD" }));
            Assert.That(Query(panel), Is.EqualTo("max(pipeline_backpressure_state{provider=\"ibkr\"})"));
        });
    }

    [Test]
    public void Active_pods_is_a_stat_counting_the_pipelines_pods_from_kube_pod_info()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(OperationsFiles.Dashboard));
        var panel = Panel(dashboard, "Active Pods");
        Assert.That((panel.GetProperty("type").GetString(), Query(panel)), Is.EqualTo(("stat", "count(kube_pod_info{pod=~\"pipeline-sample-.*\"})")));
    }
}
