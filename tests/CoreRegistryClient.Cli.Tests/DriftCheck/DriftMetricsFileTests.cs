using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Cli.Tests.DriftCheck;

/// <summary><c>drift --metrics-file</c> writes the SDK's drift metrics in the Prometheus text format that node-exporter's
/// textfile collector and a Pushgateway read; the real <c>promtool check metrics</c> accepts it.</summary>
public class DriftMetricsFileTests : RegistryWorkspaceTest
{
    [SetUp]
    public async Task FetchTheTrackAsync()
    {
        Assert.That((await CliHost.RunAsync("fetch", "--registry-url", Server.Url(), "--output", SchemaDir)).ExitCode, Is.Zero);
    }

    private string SchemaDir => Path.Combine(Dir.Path, "schemas");

    private string MetricsPath => Path.Combine(Dir.Path, "textfile", "drift_v1.prom");

    private Task<CliRun> DriftAsync() => CliHost.RunAsync(
        "drift", "--registry-url", Server.Url(), "--timeout", "5", "--schema-dir", SchemaDir, "--output", Dir.File("report.json"),
        "--repo", "acme/store", "--metrics-file", MetricsPath);

    private static async Task AssertPromtoolAcceptsAsync(string text)
    {
        var (exitCode, output) = await ExternalTool.RunAsync(ExternalTool.Require("promtool", "prometheus"), ["check", "metrics"], text);
        Assert.That(exitCode, Is.Zero, $"promtool check metrics:\n{output}\n--- file ---\n{text}");
    }

    [Test]
    public async Task Drift_writes_the_sdk_drift_series_with_repo_track_and_schema_labels_that_promtool_accepts()
    {
        Server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1Breaking);

        var run = await DriftAsync();

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var text = File.ReadAllText(MetricsPath);
        await AssertPromtoolAcceptsAsync(text);
        var lines = text.Split('\n');
        Assert.That(lines, Does.Contain("# TYPE schema_drift_total counter"));
        Assert.That(lines, Does.Contain("schema_drift_total{repo=\"acme/store\",schema=\"telemetry.FeedbackEvent\",track=\"v1\"} 1"));
        Assert.That(lines, Does.Contain("# TYPE schema_drift_last_detected_timestamp gauge"));
        var detected = lines.Single(l => l.StartsWith("schema_drift_last_detected_timestamp{", StringComparison.Ordinal));
        Assert.That(long.Parse(detected.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture),
            Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(120));
        Assert.That(lines, Does.Contain("schema_drift_check_registry_available{repo=\"acme/store\",track=\"v1\"} 1"));
        Assert.That(text, Does.Not.Contain("md.BarBatch"), "synced schemas add no drift series");
    }

    [Test]
    public async Task The_counter_carries_on_across_runs_and_an_outage_keeps_it_while_marking_the_registry_unavailable()
    {
        Server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1Breaking);
        await DriftAsync();
        await DriftAsync();
        Server.Down = true;

        var down = await DriftAsync();

        Assert.That(down.ExitCode, Is.Zero, down.ToString());
        var text = File.ReadAllText(MetricsPath);
        await AssertPromtoolAcceptsAsync(text);
        Assert.That(text.Split('\n'), Does.Contain("schema_drift_total{repo=\"acme/store\",schema=\"telemetry.FeedbackEvent\",track=\"v1\"} 2"));
        Assert.That(text.Split('\n'), Does.Contain("schema_drift_check_registry_available{repo=\"acme/store\",track=\"v1\"} 0"));
    }

    [Test]
    public async Task Label_values_with_quotes_and_backslashes_are_escaped_and_read_back_as_the_same_series()
    {
        File.WriteAllText(Path.Combine(SchemaDir, "odd\"name\\x.json"), Schemas.Bar);

        await DriftAsync();
        await DriftAsync();

        var text = File.ReadAllText(MetricsPath);
        await AssertPromtoolAcceptsAsync(text);
        Assert.That(text.Split('\n'), Does.Contain("schema_drift_total{repo=\"acme/store\",schema=\"odd\\\"name\\\\x\",track=\"v1\"} 2"));
    }
}
