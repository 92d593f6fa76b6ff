using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoreRegistryClient.Drift;
using CoreRegistryClient.JsonSchema;
using CoreRegistryClient.Redis;
using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Store;
using CoreRegistryClient.Samples.Store.Feedback;
using CoreRegistryClient.Samples.Store.Reporting;
using CoreRegistryClient.Samples.Tests.Operations;
using CoreRegistryClient.Samples.Tests.Support;
using CoreRegistryClient.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoreRegistryClient.Samples.Tests.Store;

/// <summary>The store sample end to end on the in-memory bus, the embedded registry and the sample fixtures.</summary>
public class StoreSampleTests
{
    private const string Schema = "telemetry.FeedbackEvent";

    [Test]
    public async Task Default_run_with_count_finishes_after_one_drift_run_and_prints_the_summary()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = new StoreSettings { Count = 150, Rate = 3000, InvalidShare = 0.2, Listen = "http://127.0.0.1:0", SummaryInterval = TimeSpan.FromSeconds(1) };
        var exit = await StoreHost.RunAsync(settings, output, error, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        var invalid = DefectsAmongFirst(150, 0.2, settings.Seed);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That((exit, error.ToString()), Is.EqualTo((0, string.Empty)));
            Assert.That(lines[0], Does.StartWith("store: bus=memory stream=mdp:telemetry.feedback drift-stream=mdp:telemetry.schema_drift registry=http://127.0.0.1:"));
            Assert.That(lines[0], Does.Contain(" (embedded) fixtures=" + Path.Combine(AppContext.BaseDirectory, "fixtures") + " metrics=http://127.0.0.1:"));
            Assert.That(lines[^1], Does.Match(SummaryPattern(150, 150 - invalid, 0, invalid, driftRuns: 1, drifted: "1", driftEvents: 1)));
        });
    }

    [Test]
    public async Task With_registry_url_it_uses_that_registry_and_lets_its_compatibility_check_classify_drift()
    {
        await using var registry = await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { SchemaDirectory = StoreRun.SchemaDirectory, PathPrefix = "/api/v1" });
        var output = new StringWriter();
        var settings = new StoreSettings { RegistryUrl = registry.BaseUri, Count = 20, Rate = 2000, InvalidShare = 0, Listen = "http://127.0.0.1:0" };
        var exit = await StoreHost.RunAsync(settings, output, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(lines[0], Does.Contain($" registry={registry.BaseUri} fixtures="), "no embedded registry");
            Assert.That(lines[^1], Does.Match(SummaryPattern(20, 20, 0, 0, driftRuns: 1, drifted: "1", driftEvents: 1)));
            Assert.That(registry.RequestCount("/compat/check"), Is.EqualTo(1), "asked about 2.0.0-rc.1 -> 2.0.0");
            Assert.That(registry.RequestCount("/schemas/v2/telemetry.FeedbackEvent"), Is.GreaterThanOrEqualTo(2), "validation and the drift check both fetched it");
        });
    }

    [Test]
    public async Task Strict_mode_publishes_only_valid_feedback_in_the_wire_format_and_withholds_the_rest()
    {
        await using var run = await StoreRun.StartAsync(StoreRun.Bounded(200, 0.2));
        await run.WaitForRunAsync();
        var messages = await run.ReadAllAsync(run.Settings.FeedbackStream);

        var registrySchema = await run.Registry.Registry.GetSchemaAsync("v2", Schema);
        var validator = JsonSchemaValidator.Parse(registrySchema.Content.GetRawText());
        var invalid = DefectsAmongFirst(200, 0.2, run.Settings.Seed);
        var envelopes = messages.Select(m => MessageEnvelope.Parse(m.Data)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(invalid, Is.InRange(20, 60), "the seed breaks a fair share of the events");
            Assert.That((run.Counters.Produced, run.Counters.Published, run.Counters.Rejected, run.Counters.Warned), Is.EqualTo((200L, 200L - invalid, (long)invalid, 0L)));
            Assert.That(messages, Has.Count.EqualTo(200 - invalid));
            Assert.That(envelopes.Select(e => (e.Meta.SchemaId, e.Meta.Track)), Has.All.EqualTo((Schema, "v2")));
            Assert.That(envelopes.Select(e => validator.Validate(e.Payload).IsValid), Has.All.True, "nothing invalid leaves the store");
            Assert.That(envelopes.Select(e => e.Key), Is.EqualTo(envelopes.Select(e => e.Payload.GetProperty("coordinator_id").GetString())));
            Assert.That(envelopes.Select(e => e.Meta.Headers!["provider"]), Is.EqualTo(envelopes.Select(e => e.Payload.GetProperty("provider").GetString())));
            Assert.That(envelopes.Select(e => e.Meta.Hash), Is.EqualTo(envelopes.Select(e => Sha256Hex(e.Payload.GetRawText()))));
            Assert.That(envelopes.Select(e => e.Id).Distinct().Count(), Is.EqualTo(envelopes.Count));
        });
    }

    [Test]
    public async Task Warn_mode_publishes_invalid_feedback_too_and_counts_it()
    {
        await using var run = await StoreRun.StartAsync(StoreRun.Bounded(200, 0.2, mode: "warn"));
        await run.WaitForRunAsync();
        var messages = await run.ReadAllAsync(run.Settings.FeedbackStream);

        var validator = JsonSchemaValidator.Parse((await run.Registry.Registry.GetSchemaAsync("v2", Schema)).Content.GetRawText());
        var invalidOnBus = messages.Count(m => !validator.Validate(MessageEnvelope.Parse(m.Data).Payload).IsValid);
        Assert.Multiple(() =>
        {
            Assert.That(messages, Has.Count.EqualTo(200));
            Assert.That(invalidOnBus, Is.EqualTo(DefectsAmongFirst(200, 0.2, run.Settings.Seed)));
            Assert.That((run.Counters.Published, run.Counters.Warned, run.Counters.Rejected), Is.EqualTo((200L, (long)invalidOnBus, 0L)));
        });
    }

    [Test]
    public async Task The_out_of_date_fixture_becomes_one_schema_drift_event_with_every_field_and_the_synced_one_none()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        await using var run = await StoreRun.StartAsync(StoreRun.Bounded(10, 0));
        await run.WaitForRunAsync();
        var messages = await run.ReadAllAsync(run.Settings.DriftStream);

        var registry = await run.Registry.Registry.GetSchemaAsync("v2", Schema);
        var fixture = await File.ReadAllBytesAsync(Path.Combine(StoreRun.FixtureDirectory, "v2", Schema + ".json"));
        var envelope = MessageEnvelope.Parse(messages.Single().Data);
        var payload = envelope.Payload;
        Assert.Multiple(() =>
        {
            Assert.That((envelope.Meta.SchemaId, envelope.Meta.Track, envelope.Key), Is.EqualTo(("telemetry.schema_drift", "v2", "store-sample/" + Schema)));
            Assert.That(payload.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
            {
                "repo", "schema", "track", "local_sha256", "local_version", "registry_sha256", "registry_version", "drift_type", "classification", "detected_at",
            }));
            Assert.That(Text(payload, "repo"), Is.EqualTo("store-sample"));
            Assert.That(Text(payload, "schema"), Is.EqualTo(Schema));
            Assert.That(Text(payload, "track"), Is.EqualTo("v2"));
            Assert.That(Text(payload, "local_sha256"), Is.EqualTo(SchemaHasher.ComputeSha256(fixture)));
            Assert.That(Text(payload, "local_version"), Is.EqualTo("2.0.0-rc.1"));
            Assert.That(Text(payload, "registry_sha256"), Is.EqualTo(SchemaHasher.ComputeSha256(registry.Content)));
            Assert.That(Text(payload, "registry_version"), Is.EqualTo(registry.CoreVersion));
            Assert.That(Text(payload, "drift_type"), Is.EqualTo("drift"));
            Assert.That(Text(payload, "classification"), Is.EqualTo("benign"), "the registry only added an optional property");
            Assert.That(payload.GetProperty("detected_at").GetDateTimeOffset(), Is.InRange(started, DateTimeOffset.UtcNow));
            Assert.That(envelope.Meta.Hash, Is.EqualTo(Sha256Hex(payload.GetRawText())));
            Assert.That(run.Drift.Drifted(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Metrics_show_validation_counts_and_the_drift_meters_and_pass_promtool()
    {
        await using var run = await StoreRun.StartAsync(StoreRun.Bounded(120, 0.25));
        await run.WaitForRunAsync();
        var text = await run.GetAsync("/metrics");
        var driftEvent = MessageEnvelope.Parse((await run.ReadAllAsync(run.Settings.DriftStream)).Single().Data);
        var detected = driftEvent.Payload.GetProperty("detected_at").GetDateTimeOffset().ToUnixTimeSeconds();

        var invalid = DefectsAmongFirst(120, 0.25, run.Settings.Seed);
        var (promtoolExit, promtoolOutput) = await Promtool.CheckMetricsAsync(text);
        var scrape = new PrometheusText(text);
        (string, string)[] drift = [("repo", "store-sample"), ("schema", Schema), ("track", "v2")];
        Assert.Multiple(() =>
        {
            Assert.That((promtoolExit, promtoolOutput.Trim()), Is.EqualTo((0, string.Empty)), text);
            Assert.That(scrape.Value("schema_validation_total", ("outcome", "success"), ("schema", Schema)), Is.EqualTo(120 - invalid));
            Assert.That(scrape.Value("schema_validation_total", ("outcome", "failure"), ("schema", Schema)), Is.EqualTo(invalid));
            Assert.That(scrape.Value("schema_enforcement_actions_total", ("action", "rejected"), ("schema", Schema), ("severity", "error")), Is.EqualTo(invalid));
            Assert.That(scrape.Value("schema_drift_total", drift), Is.EqualTo(1));
            Assert.That(scrape.Value("schema_drift_last_detected_timestamp", drift), Is.EqualTo(detected));
            Assert.That(text, Does.Not.Contain("track=\"v1\""), "the v1 fixture is synced");
            Assert.That(scrape.Value("schema_drift_events_total", ("outcome", "published")), Is.EqualTo(1));
            Assert.That(scrape.Value("target_info", ("service_name", "store-sample")), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Every_family_the_store_exports_is_known_to_the_operations_kit_and_the_drift_families_are_there()
    {
        await using var run = await StoreRun.StartAsync(StoreRun.Bounded(30, 0.2));
        await run.WaitForRunAsync();
        var text = await run.GetAsync("/metrics");

        var families = new PrometheusText(text).Families().Where(f => f != "target_info").ToList();
        var known = ExportedMetrics.Counters.Concat(ExportedMetrics.Gauges).Concat(ExportedMetrics.Histograms)

            // The SDK's drift-event counter is not in the operations kit's list yet: no alert or panel uses it.
            .Append("schema_drift_events_total")
            .ToHashSet(StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(families.Where(f => !known.Contains(f)), Is.Empty, "exported but unknown to the operations kit");
            Assert.That(families, Is.SupersetOf(new[] { "schema_validation_total", "schema_drift_total", "schema_drift_last_detected_timestamp" }));
        });
    }

    [Test]
    public async Task Health_answers_json_with_the_registry_bus_and_drift_checks()
    {
        await using var run = await StoreRun.StartAsync(StoreRun.Bounded(10, 0));
        await run.WaitForRunAsync();
        using var http = new HttpClient { BaseAddress = run.BaseAddress };
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        var checks = root.GetProperty("checks");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("degraded"), "the sample's v2 fixture drifts on purpose");
            Assert.That(DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(root.GetProperty("version").GetString(), Is.Not.Empty);
            Assert.That(checks.GetProperty("schema-registry").GetProperty("status").GetString(), Is.EqualTo("healthy"));
            Assert.That(checks.GetProperty("message-bus").GetProperty("status").GetString(), Is.EqualTo("healthy"));
            Assert.That(checks.GetProperty("schema-drift").GetProperty("status").GetString(), Is.EqualTo("degraded"));
            Assert.That(checks.GetProperty("schema-drift").GetProperty("data").GetProperty("drifted").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_drift_monitor_writes_a_report_per_fixture_set()
    {
        var reports = Path.Combine(Path.GetTempPath(), $"store-drift-{Guid.NewGuid():N}");
        try
        {
            await using var run = await StoreRun.StartAsync(StoreRun.Bounded(10, 0) with { DriftReportDirectory = reports });
            await run.WaitForRunAsync();
            var v2 = CoreRegistryClient.Drift.DriftReportJson.Deserialize(await File.ReadAllBytesAsync(Path.Combine(reports, "drift_report.v2.json")));
            Assert.That((File.Exists(Path.Combine(reports, "drift_report.v1.json")), v2.Track, v2.Drifted), Is.EqualTo((true, "v2", 1)));
        }
        finally
        {
            if (Directory.Exists(reports))
            {
                Directory.Delete(reports, recursive: true);
            }
        }
    }

    [Test]
    public async Task With_pulse_off_drift_is_counted_but_no_event_is_published()
    {
        await using var run = await StoreRun.StartAsync(StoreRun.Bounded(10, 0) with { PulseEnabled = false });
        await run.WaitForRunAsync();
        var events = await run.ReadAllAsync(run.Settings.DriftStream);
        var metrics = new PrometheusText(await run.GetAsync("/metrics"));
        Assert.That((events.Count, metrics.Value("schema_drift_total", ("repo", "store-sample"), ("schema", Schema), ("track", "v2"))), Is.EqualTo((0, (double?)1)));
    }

    [Test]
    public async Task Every_drift_run_publishes_the_drifted_schema_again_and_counts_it()
    {
        await using var run = await StoreRun.StartAsync(StoreRun.Bounded(10, 0) with { DriftInterval = TimeSpan.FromSeconds(1) });
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (run.Drift.Runs < 3)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "three drift runs within 90 s");
            await Task.Delay(50);
        }

        // The drift monitor stopped (the web host still serves), so no run is half done while the stream and the counter are read.
        await run.App.Services.GetServices<IHostedService>().OfType<CoreRegistryClient.Drift.ISchemaDriftMonitor>().Cast<IHostedService>().Single().StopAsync(CancellationToken.None);
        var events = await run.ReadAllAsync(run.Settings.DriftStream);
        var metrics = new PrometheusText(await run.GetAsync("/metrics"));
        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.GreaterThanOrEqualTo(3));
            Assert.That(events.Select(e => MessageEnvelope.Parse(e.Data).Payload.GetProperty("schema").GetString()), Has.All.EqualTo(Schema));
            Assert.That(metrics.Value("schema_drift_total", ("repo", "store-sample"), ("schema", Schema), ("track", "v2")), Is.EqualTo(events.Count));
        });
    }

    [Test]
    public async Task An_unreachable_registry_is_not_drift_and_publishing_fails_open()
    {
        // A short registry timeout keeps the failing first fetches quick.
        var config = Path.Combine(Path.GetTempPath(), $"store-test-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, "{\"REGISTRY_TIMEOUT\": \"2\"}");
        try
        {
            await using var run = await StoreRun.StartAsync(StoreRun.Bounded(30, 0) with { ConfigFile = config }, registryDown: true);
            await run.WaitForRunAsync();
            var driftEvents = await run.ReadAllAsync(run.Settings.DriftStream);
            var feedback = await run.ReadAllAsync(run.Settings.FeedbackStream);
            var metrics = await run.GetAsync("/metrics");
            var summary = run.App.Services.GetServices<IHostedService>().OfType<StoreSummaryReporter>().Single().Line();
            Assert.Multiple(() =>
            {
                Assert.That(driftEvents, Is.Empty);
                Assert.That(run.Drift.Latest().Select(r => r.RegistryAvailable), Is.EqualTo(new[] { false, false }));
                Assert.That(run.Drift.Latest().SelectMany(r => r.Schemas).Select(s => s.Status), Has.All.EqualTo(DriftStatus.Unknown));
                Assert.That(metrics, Does.Not.Contain("schema_drift_total"));
                Assert.That(feedback, Has.Count.EqualTo(30), "the schema was never loaded: OnUnavailable=Allow lets events through");
                Assert.That(summary, Does.Contain(" drift-runs=1 drifted=? drift-events=0"));
            });
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Test]
    public async Task A_missing_fixture_folder_is_a_usage_error_before_anything_starts()
    {
        var error = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), "no-such-fixtures-" + Guid.NewGuid().ToString("N"));
        var exit = await StoreHost.RunAsync(new StoreSettings { Fixtures = missing, Count = 1, Listen = "http://127.0.0.1:0" }, TextWriter.Null, error, CancellationToken.None);
        Assert.That((exit, error.ToString()), Is.EqualTo((SampleExitCodes.CannotStart, $"store: The fixture folder '{missing}' does not exist. Point --fixtures at local schema copies (see samples/Store.Sample/fixtures).{Environment.NewLine}")));
    }

    [Test]
    public async Task The_built_sample_runs_as_a_process_with_nothing_else_running_and_exits_after_count()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? ExternalTool.Require("dotnet", "dotnet-sdk-10.0");
        var sample = Path.Combine(AppContext.BaseDirectory, "Store.Sample.dll");
        var (exit, output) = await ExternalTool.RunAsync(dotnet, [sample, "--count", "60", "--rate", "600", "--port", "0", "--invalid-share", "0"], timeout: TimeSpan.FromMinutes(2));

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, output);
            Assert.That(lines.Where(l => l.StartsWith("store: bus=memory ", StringComparison.Ordinal)), Has.Exactly(1).Contains(" (embedded) "), output);
            Assert.That(lines.Where(l => l.StartsWith("store: produced=", StringComparison.Ordinal)).Last(), Does.Match(SummaryPattern(60, 60, 0, 0, driftRuns: 1, drifted: "1", driftEvents: 1)), output);
        });
    }

    internal static int DefectsAmongFirst(int count, double share, int seed)
    {
        var simulator = new FeedbackSimulator(share, seed);
        return Enumerable.Range(0, count).Count(_ => simulator.Next().Defect is not null);
    }

    internal static string SummaryPattern(long produced, long published, long warned, long rejected, long driftRuns, string drifted, long driftEvents) =>
        $"^store: produced={produced} published={published} warned={warned} rejected={rejected} failed=0 backpressure=(ok|soft|hard) drift-runs={driftRuns} drifted={Regex.Escape(drifted)} drift-events={driftEvents}$";

    private static string? Text(JsonElement payload, string name) => payload.GetProperty(name).GetString();

    private static string Sha256Hex(string json) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
}
