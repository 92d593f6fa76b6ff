using CoreRegistryClient.Drift;

namespace CoreRegistryClient.Cli.Tests.Commands;

/// <summary><c>drift</c>'s exit code follows the rollout: warn (and off) report and never fail, strict fails on
/// breaking drift, <c>--fail-on</c> overrides the mode, and an unreachable registry is its own outcome (a warning
/// by default, exit 3 with <c>--registry-down fail</c>). The report is written every time.</summary>
public class DriftSemanticsTests : RegistryWorkspaceTest
{
    [SetUp]
    public async Task FetchTheTrackAsync()
    {
        var fetch = await CliHost.RunAsync("fetch", "--registry-url", Server.Url(), "--track", "v1", "--output", SchemaDir);
        Assert.That(fetch.ExitCode, Is.Zero, fetch.ToString());
    }

    private string SchemaDir => Path.Combine(Dir.Path, "schemas");

    private string ReportPath => Dir.File("drift_report.json");

    private Task<CliRun> DriftAsync(IReadOnlyDictionary<string, string> environment, params string[] extra) =>
        CliHost.RunAsync(environment, ["drift", "--registry-url", Server.Url(), "--schema-dir", SchemaDir, "--output", ReportPath, "--timeout", "5", .. extra]);

    private void PublishBreaking() => Server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1Breaking)
        .SetCompatibility("telemetry.FeedbackEvent", new Registry.CompatibilityResult(false, ["region is required"], [], null));

    private void PublishBenign() => Server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1OptionalAdded);

    // environment REGISTRY_ENFORCEMENT, --mode, --fail-on, drift kind -> exit code
    [TestCase(null, null, null, "breaking", 0, TestName = "No mode anywhere is warn: breaking drift is reported, exit 0")]
    [TestCase("warn", null, null, "breaking", 0, TestName = "REGISTRY_ENFORCEMENT=warn never fails")]
    [TestCase("off", null, null, "breaking", 0, TestName = "REGISTRY_ENFORCEMENT=off never fails")]
    [TestCase("strict", null, null, "breaking", 1, TestName = "REGISTRY_ENFORCEMENT=strict fails on breaking drift")]
    [TestCase("enforce", null, null, "breaking", 1, TestName = "REGISTRY_ENFORCEMENT=enforce is strict")]
    [TestCase("STRICT", null, null, "benign", 0, TestName = "Strict does not fail on benign drift")]
    [TestCase("strict", "warn", null, "breaking", 0, TestName = "--mode overrides REGISTRY_ENFORCEMENT")]
    [TestCase(null, "strict", null, "breaking", 1, TestName = "--mode strict fails on breaking drift")]
    [TestCase("warn", null, "drift", "benign", 1, TestName = "--fail-on drift overrides warn")]
    [TestCase("strict", null, "never", "breaking", 0, TestName = "--fail-on never overrides strict")]
    [TestCase(null, "strict", "breaking", "benign", 0, TestName = "--fail-on breaking passes benign drift")]
    public async Task Exit_code_follows_the_mode_unless_fail_on_is_given(string? environmentMode, string? mode, string? failOn, string drift, int expected)
    {
        if (drift == "breaking")
        {
            PublishBreaking();
        }
        else
        {
            PublishBenign();
        }

        var environment = environmentMode is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["REGISTRY_ENFORCEMENT"] = environmentMode };
        string[] extra = [.. mode is null ? [] : new[] { "--mode", mode }, .. failOn is null ? [] : new[] { "--fail-on", failOn }];

        var run = await DriftAsync(environment, extra);

        Assert.That(run.ExitCode, Is.EqualTo(expected), run.ToString());
        var report = DriftReportJson.Deserialize(File.ReadAllBytes(ReportPath));
        Assert.That(report.Drifted, Is.EqualTo(1), "the report is written whatever the exit code");
        Assert.That(run.Error, Does.Contain(expected == 0 ? "warning: 1 schema(s) drifted" : "error: 1 schema(s) drifted"));
    }

    [Test]
    public async Task An_unknown_REGISTRY_ENFORCEMENT_is_a_usage_error()
    {
        var run = await DriftAsync(new Dictionary<string, string> { ["REGISTRY_ENFORCEMENT"] = "sometimes" });

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("REGISTRY_ENFORCEMENT").And.Contain("sometimes"));
    }

    [Test]
    public async Task Registry_down_by_default_warns_exits_0_writes_the_report_and_annotates_a_GitHub_run()
    {
        Server.Down = true;

        var run = await DriftAsync(new Dictionary<string, string> { ["REGISTRY_ENFORCEMENT"] = "strict", ["GITHUB_ACTIONS"] = "true" });

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Error, Does.Contain("warning: registry unavailable").And.Contain("--registry-down warn"));
        Assert.That(run.Error, Does.Contain("::warning title=core-registry::registry unavailable"));
        var report = DriftReportJson.Deserialize(File.ReadAllBytes(ReportPath));
        Assert.That(report.RegistryAvailable, Is.False);
        Assert.That(report.Schemas.Select(s => s.Status), Is.All.EqualTo(DriftStatus.Unknown));
    }

    [Test]
    public async Task Breaking_drift_takes_precedence_over_a_schema_the_registry_could_not_serve()
    {
        PublishBreaking();
        Server.ForceStatus(System.Net.HttpStatusCode.NotImplemented, "/schemas/v1/md.BarBatch");

        var run = await DriftAsync(new Dictionary<string, string>(), "--mode", "strict", "--registry-down", "fail");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
        var report = DriftReportJson.Deserialize(File.ReadAllBytes(ReportPath));
        Assert.That(report.Schemas.Single(s => s.Schema == "md.BarBatch").Status, Is.EqualTo(DriftStatus.Unknown));
        Assert.That(run.Error, Does.Contain("1 schema(s) could not be compared"));
    }

    [Test]
    public async Task A_schema_the_registry_could_not_serve_exits_3_with_registry_down_fail()
    {
        Server.ForceStatus(System.Net.HttpStatusCode.NotImplemented, "/schemas/v1/md.BarBatch");

        var run = await DriftAsync(new Dictionary<string, string>(), "--registry-down", "fail");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.RegistryUnavailable), run.ToString());
        Assert.That(File.Exists(ReportPath));
    }
}
