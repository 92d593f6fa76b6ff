using System.Text.Json;
using CoreRegistryClient.Drift;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Cli.Tests.Commands;

public class DriftCommandTests : RegistryWorkspaceTest
{

    private string SchemaDir => Path.Combine(Dir.Path, "schemas");

    private string ReportPath => Dir.File("drift_report.json");

    private Task<CliRun> FetchAsync(params string[] extra) =>
        CliHost.RunAsync(["fetch", "--registry-url", Server.Url(), "--track", "v1", "--output", SchemaDir, .. extra]);

    private Task<CliRun> DriftAsync(params string[] extra) =>
        CliHost.RunAsync(["drift", "--registry-url", Server.Url(), "--schema-dir", SchemaDir, "--output", ReportPath, "--timeout", "5", .. extra]);

    private DriftReport Report() => DriftReportJson.Deserialize(File.ReadAllBytes(ReportPath));

    [TestCase("jcs")]
    [TestCase("python")]
    public async Task Fetch_then_drift_reports_every_schema_synced_and_exits_0(string canonical)
    {
        Assert.That((await FetchAsync()).ExitCode, Is.EqualTo(0));

        var run = await DriftAsync("--canonical", canonical);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        var report = Report();
        Assert.That(report.Schemas.Select(s => (s.Schema, s.Status)), Is.EquivalentTo(new[]
        {
            ("md.BarBatch", DriftStatus.Synced),
            ("telemetry.FeedbackEvent", DriftStatus.Synced),
        }));
        Assert.That(report.CanonicalForm, Is.EqualTo(canonical));
        Assert.That(report.Track, Is.EqualTo("v1"));
        Assert.That(report.RegistryUrl, Is.EqualTo(Server.Url()));
        Assert.That(run.Out, Does.Contain("2 synced, 0 drifted"));
    }

    [Test]
    public async Task Drift_reads_the_registry_url_and_track_from_the_fetched_metadata()
    {
        await FetchAsync();

        var run = await CliHost.RunAsync("drift", "--schema-dir", SchemaDir, "--output", ReportPath);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(Report().Synced, Is.EqualTo(2));
    }

    [Test]
    public async Task Breaking_registry_update_in_strict_mode_is_drift_exit_1_with_changes_and_pointers()
    {
        await FetchAsync();
        Server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1Breaking);
        Server.Registry.SetCompatibility("telemetry.FeedbackEvent", new CompatibilityResult(false, ["region is required"], ["bump the major version"], null));

        var run = await DriftAsync("--mode", "strict");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
        var entry = Report().Schemas.Single(s => s.Schema == "telemetry.FeedbackEvent");
        Assert.That(entry.Status, Is.EqualTo(DriftStatus.Drift));
        Assert.That((entry.LocalVersion, entry.RegistryVersion), Is.EqualTo(("1.1.2", "1.2.0")));
        Assert.That(entry.Classification, Is.EqualTo(ChangeClassification.Breaking));
        Assert.That(entry.DecidedBy, Is.EqualTo(ClassificationSource.Registry));
        Assert.That(entry.Changes.Select(c => (c.Location, c.Kind)), Is.SupersetOf(new[]
        {
            ("/properties/region", SchemaChangeKinds.RequiredPropertyAdded),
            ("/properties/level/enum", SchemaChangeKinds.EnumValueRemoved),
        }));
        Assert.That(run.Out, Does.Contain("/properties/region").And.Contain("drift"));
    }

    [Test]
    public async Task Benign_drift_fails_with_fail_on_drift_but_not_with_fail_on_breaking()
    {
        await FetchAsync();
        Server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1OptionalAdded);

        var onDrift = await DriftAsync("--fail-on", "drift");
        var onBreaking = await DriftAsync("--fail-on", "breaking");

        Assert.That(onDrift.ExitCode, Is.EqualTo(ExitCodes.Finding), onDrift.ToString());
        Assert.That(onBreaking.ExitCode, Is.EqualTo(ExitCodes.Success), onBreaking.ToString());
        Assert.That(Report().Schemas.Single(s => s.Schema == "telemetry.FeedbackEvent").Classification, Is.EqualTo(ChangeClassification.Benign));
    }

    [Test]
    public async Task Content_changed_under_the_same_version_is_classified_by_the_structural_diff()
    {
        await FetchAsync();
        Server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Schemas.FeedbackV1Breaking); // replaced in place

        var run = await DriftAsync("--fail-on", "breaking");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
        var entry = Report().Schemas.Single(s => s.Schema == "telemetry.FeedbackEvent");
        Assert.That(entry.DecidedBy, Is.EqualTo(ClassificationSource.StructuralDiff));
        Assert.That(entry.Classification, Is.EqualTo(ChangeClassification.Breaking));
    }

    [Test]
    public async Task Fail_on_never_exits_0_despite_drift()
    {
        await FetchAsync();
        Server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1Breaking);

        var run = await DriftAsync("--fail-on", "never");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(Report().Drifted, Is.EqualTo(1));
    }

    [Test]
    public async Task Registry_down_with_registry_down_fail_exits_3_and_still_writes_a_report_with_unknown_statuses()
    {
        await FetchAsync();
        Server.Down = true;

        var run = await DriftAsync("--registry-down", "fail", "--mode", "strict");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.RegistryUnavailable), run.ToString());
        var report = Report();
        Assert.That(report.RegistryAvailable, Is.False);
        Assert.That(report.Schemas.Select(s => s.Status), Is.All.EqualTo(DriftStatus.Unknown));
        Assert.That(report.Drifted, Is.Zero);
        Assert.That(run.Out, Does.Contain("Registry unavailable"));
    }

    [Test]
    public async Task Version_mismatch_and_missing_statuses_reach_the_report()
    {
        await FetchAsync("--schemas", "telemetry.FeedbackEvent");
        Server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.1.3", Schemas.FeedbackV1);
        File.WriteAllText(Path.Combine(SchemaDir, "md.Retired.json"), Schemas.Bar);

        var run = await DriftAsync("--fail-on", "drift");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
        Assert.That(Report().Schemas.Select(s => (s.Schema, s.Status)), Is.EquivalentTo(new[]
        {
            ("md.BarBatch", DriftStatus.MissingLocally),
            ("md.Retired", DriftStatus.MissingInRegistry),
            ("telemetry.FeedbackEvent", DriftStatus.VersionMismatch),
        }));
    }

    [Test]
    public async Task Json_output_is_the_report()
    {
        await FetchAsync();

        var run = await DriftAsync("--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.GetProperty("synced").GetInt32(), Is.EqualTo(2));
        Assert.That(json.RootElement.GetProperty("schemas")[0].GetProperty("status").GetString(), Is.EqualTo("synced"));
    }

    [Test]
    public async Task Emit_telemetry_posts_one_event_per_drifted_schema_with_the_token()
    {
        await FetchAsync();
        Server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1Breaking);

        var run = await CliHost.RunAsync(
            new Dictionary<string, string> { ["REGISTRY_TOKEN"] = RegistryFixture.Token },
            "drift", "--registry-url", Server.Url(), "--schema-dir", SchemaDir, "--output", ReportPath, "--emit-telemetry", "--repo", "store", "--fail-on", "drift");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
        var posted = Server.Registry.TelemetryEvents.Single();
        Assert.That(posted.EventType, Is.EqualTo("telemetry.schema_drift"));
        Assert.That(posted.Payload.GetProperty("schema").GetString(), Is.EqualTo("telemetry.FeedbackEvent"));
        Assert.That(posted.Payload.GetProperty("repo").GetString(), Is.EqualTo("store"));
        Assert.That(posted.Payload.GetProperty("drift_type").GetString(), Is.EqualTo("drift"));
        Assert.That(run.Out + run.Error, Does.Not.Contain(RegistryFixture.Token));
    }

    [Test]
    public async Task Refused_telemetry_does_not_change_the_outcome()
    {
        await FetchAsync();
        Server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1Breaking);

        var run = await DriftAsync("--emit-telemetry", "--token", "wrong-token-value", "--fail-on", "drift");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
        Assert.That(Server.Registry.TelemetryEvents, Is.Empty);
        Assert.That(Server.Requests.Count(r => r.Path == "/admin/telemetry"), Is.EqualTo(1));
        Assert.That(Report().Drifted, Is.EqualTo(1));
        Assert.That(run.Out + run.Error, Does.Not.Contain("wrong-token-value"));
    }

    [TestCase("--canonical", "sorted")]
    [TestCase("--fail-on", "sometimes")]
    [TestCase("--mode", "lenient")]
    [TestCase("--registry-down", "ignore")]
    public async Task Bad_option_values_are_usage_errors(string option, string value)
    {
        await FetchAsync();

        var run = await DriftAsync(option, value);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain(value));
    }

    [Test]
    public async Task Missing_schemaDir_option_is_a_usage_error()
    {
        var run = await CliHost.RunAsync("drift", "--registry-url", Server.Url());

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("--schema-dir"));
    }

    [Test]
    public async Task Nonexistent_schemaDir_is_a_usage_error()
    {
        var run = await DriftAsync();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("does not exist"));
    }

    [Test]
    public async Task No_registry_url_anywhere_is_a_usage_error()
    {
        Directory.CreateDirectory(SchemaDir);

        var run = await CliHost.RunAsync("drift", "--schema-dir", SchemaDir, "--output", ReportPath);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("REGISTRY_URL"));
    }

    [Test]
    public async Task Unknown_track_is_a_usage_error()
    {
        await FetchAsync();

        var run = await DriftAsync("--track", "v7");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("v7"));
    }
}
