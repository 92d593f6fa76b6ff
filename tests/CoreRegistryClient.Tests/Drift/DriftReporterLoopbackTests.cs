using CoreRegistryClient.Drift;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Tests.Registry;

namespace CoreRegistryClient.Tests.Drift;

/// <summary>The drift reporter over real HTTP: the registry client against the loopback registry server.</summary>
public class DriftReporterLoopbackTests
{
    private const string Token = "drift-admin-token";
    private const string Feedback = """{"type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"type":"string"},"level":{"enum":["ok","soft","hard"]}}}""";
    private const string FeedbackNarrowed = """{"type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"type":"string"},"level":{"enum":["ok","soft"]}}}""";
    private const string Bar = """{"type":"object","properties":{"open":{"type":"number"}}}""";
    private const string Quote = """{"type":"object","properties":{"bid":{"type":"number"}}}""";

    private SchemaDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new SchemaDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static Task<RegistryClientHarness> StartAsync(string? clientToken = Token) =>
        RegistryClientHarness.StartAsync(
            server: s => { s.PathPrefix = "/api/v1"; s.Token = Token; },
            options: o => { o.Token = clientToken; o.Timeout = TimeSpan.FromSeconds(10); });

    [Test]
    public async Task Every_status_over_http()
    {
        await using var harness = await StartAsync();
        harness.Registry
            .Add("v1", "a.Synced", "1.0.0", Bar)
            .Add("v1", "b.Drifted", "1.1.0", FeedbackNarrowed)
            .Add("v1", "c.Relabelled", "2.0.1", Quote)
            .Add("v1", "e.NewInRegistry", "0.1.0", Bar);
        _dir.Write("a.Synced", Bar).Write("b.Drifted", Feedback).Write("c.Relabelled", Quote).Write("d.Retired", Bar)
            .WriteMetadata("v1", new Dictionary<string, string> { ["c.Relabelled"] = "2.0.0" });

        var report = await new DriftReporter(harness.Client).CompareAsync(_dir.Path, new DriftReporterOptions { UseRegistryCompatibilityCheck = false });

        Assert.That(report.Schemas.Select(s => (s.Schema, s.Status)), Is.EqualTo(new[]
        {
            ("a.Synced", DriftStatus.Synced),
            ("b.Drifted", DriftStatus.Drift),
            ("c.Relabelled", DriftStatus.VersionMismatch),
            ("d.Retired", DriftStatus.MissingInRegistry),
            ("e.NewInRegistry", DriftStatus.MissingLocally),
        }));
        var drifted = report.Schemas[1];
        Assert.That(drifted.Classification, Is.EqualTo(ChangeClassification.Breaking));
        Assert.That(drifted.Changes.Single().Location, Is.EqualTo("/properties/level/enum"));
        Assert.That((report.TotalSchemas, report.Synced, report.Drifted), Is.EqualTo((5, 1, 3)));
    }

    [Test]
    public async Task Registry_down_gives_unknown_statuses_and_no_drift()
    {
        await using var harness = await StartAsync();
        harness.Registry.Add("v1", "a.Synced", "1.0.0", Bar);
        _dir.Write("a.Synced", Bar);
        harness.Server.Down = true;

        var report = await new DriftReporter(harness.Client).CompareAsync(_dir.Path, new DriftReporterOptions { Track = "v1" });

        Assert.That(report.RegistryAvailable, Is.False);
        Assert.That(report.Schemas.Single().Status, Is.EqualTo(DriftStatus.Unknown));
        Assert.That(report.Drifted, Is.Zero);
    }

    [Test]
    public async Task A_schema_failing_with_5xx_is_unknown_while_the_rest_is_compared()
    {
        await using var harness = await StartAsync();
        harness.Registry.Add("v1", "a.Synced", "1.0.0", Bar).Add("v1", "b.Drifted", "1.1.0", FeedbackNarrowed);
        _dir.Write("a.Synced", Bar).Write("b.Drifted", Feedback);
        harness.Server.ForceStatus(System.Net.HttpStatusCode.InternalServerError, "/schemas/v1/b.Drifted");

        var report = await new DriftReporter(harness.Client).CompareAsync(_dir.Path, new DriftReporterOptions { Track = "v1" });

        Assert.That(report.Schemas.Select(s => s.Status), Is.EqualTo(new[] { DriftStatus.Synced, DriftStatus.Unknown }));
        Assert.That(report.RegistryAvailable, Is.True);
    }

    [Test]
    public async Task Registry_compatibility_answer_over_http_decides_the_classification()
    {
        await using var harness = await StartAsync();
        harness.Registry.Add("v1", "b.Drifted", "1.0.0", Feedback).Add("v1", "b.Drifted", "1.1.0", FeedbackNarrowed);
        harness.Registry.SetCompatibility("b.Drifted", new CompatibilityResult(true, [], ["consumers tolerate it"], null));
        _dir.Write("b.Drifted", Feedback).WriteMetadata("v1", new Dictionary<string, string> { ["b.Drifted"] = "1.0.0" });

        var report = await new DriftReporter(harness.Client).CompareAsync(_dir.Path, new DriftReporterOptions());

        var entry = report.Schemas.Single();
        Assert.That(entry.DecidedBy, Is.EqualTo(ClassificationSource.Registry));
        Assert.That(entry.Classification, Is.EqualTo(ChangeClassification.Benign));
        Assert.That(harness.Server.Requests.Single(r => r.Path == "/compat/check").QueryString, Does.Contain("from_version=1.0.0").And.Contain("to_version=1.1.0"));
    }

    [Test]
    public async Task Drift_event_is_posted_to_admin_telemetry_with_the_bearer_token()
    {
        await using var harness = await StartAsync();
        harness.Registry.Add("v1", "b.Drifted", "1.1.0", FeedbackNarrowed);
        _dir.Write("b.Drifted", Feedback);
        using var meters = new DriftMeters();
        using var events = meters.Collect("schema_drift_events");

        await new DriftReporter(harness.Client, meterFactory: meters.Factory).CompareAsync(_dir.Path, new DriftReporterOptions { Track = "v1", PublishEvents = true, Repository = "pipeline" });

        var request = harness.Server.Requests.Single(r => r.Path == "/admin/telemetry");
        Assert.That(request.Authorization, Is.EqualTo($"Bearer {Token}"));
        var posted = harness.Registry.TelemetryEvents.Single();
        Assert.That(posted.EventType, Is.EqualTo(SchemaDriftEvent.EventType));
        Assert.That(posted.Payload.GetProperty("schema").GetString(), Is.EqualTo("b.Drifted"));
        Assert.That(posted.Payload.GetProperty("classification").GetString(), Is.EqualTo("breaking"));
        Assert.That(events.Sum(("outcome", "published")), Is.EqualTo(1));
    }

    [TestCase(null, TestName = "Telemetry_without_a_token_fails_before_sending_and_is_swallowed")]
    [TestCase("wrong-token", TestName = "Telemetry_refused_by_the_registry_is_swallowed")]
    public async Task Telemetry_failure_is_swallowed_and_counted(string? clientToken)
    {
        await using var harness = await StartAsync(clientToken);
        harness.Registry.Add("v1", "b.Drifted", "1.1.0", FeedbackNarrowed);
        _dir.Write("b.Drifted", Feedback);
        using var meters = new DriftMeters();
        using var events = meters.Collect("schema_drift_events");
        using var drift = meters.Collect("schema_drift");

        var report = await new DriftReporter(harness.Client, meterFactory: meters.Factory).CompareAsync(_dir.Path, new DriftReporterOptions { Track = "v1", PublishEvents = true });

        Assert.That(report.Drifted, Is.EqualTo(1));
        Assert.That(harness.Registry.TelemetryEvents, Is.Empty);
        Assert.That(events.Sum(("outcome", "failed")), Is.EqualTo(1));
        Assert.That(drift.Sum(("schema", "b.Drifted")), Is.EqualTo(1));
    }
}
