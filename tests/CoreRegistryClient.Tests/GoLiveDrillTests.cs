using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Testing;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoreRegistryClient.Tests;

/// <summary>The drills run before going live, end to end over real loopback HTTP: the real registry client, the
/// loopback registry server, the SDK as <c>AddSchemaEnforcement</c> wires it.</summary>
public class GoLiveDrillTests
{
    private static readonly byte[] V1Payload = TestSchemas.Utf8(TestSchemas.ValidPayload);
    private static readonly byte[] V1PayloadWithRegion = TestSchemas.Utf8("""{"coordinator_id":"store_01","queue_size":5,"level":"ok","region":"eu"}""");
    private LoopbackRegistryServer _server = null!;
    private string _snapshots = "";

    [SetUp]
    public async Task StartRegistry()
    {
        _server = await LoopbackRegistryServer.StartAsync();
        _server.Registry.Add("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        _snapshots = Path.Combine(Path.GetTempPath(), "crc-drill-" + Guid.NewGuid().ToString("N"));
    }

    [TearDown]
    public async Task StopRegistry()
    {
        await _server.DisposeAsync();
        if (Directory.Exists(_snapshots)) Directory.Delete(_snapshots, recursive: true);
    }

    [Test]
    public async Task Benign_change_an_optional_field_added_still_passes_in_strict()
    {
        using var harness = SchemaManagerHarness.CreateOverHttp(_server, new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "strict" });
        Assert.That(harness.Manager.Validate(TestSchemas.Name, V1Payload).Version, Is.EqualTo("1.0.0"));

        _server.Registry.Add("v1", TestSchemas.Name, "1.1.0", TestSchemas.FeedbackEventWithOptionalRegion);
        Assert.That(await harness.Poller.PollOnceAsync(CancellationToken.None), Is.EqualTo(1));

        Assert.Multiple(() =>
        {
            Assert.That(harness.Manager.Validate(TestSchemas.Name, V1Payload).Version, Is.EqualTo("1.1.0"));
            Assert.That(harness.Manager.Validate(TestSchemas.Name, V1PayloadWithRegion).IsValid, Is.True);
            Assert.That(harness.Manager.GetStats().Rejections, Is.Zero);
        });
    }

    [Test]
    public async Task Breaking_change_a_required_field_renamed_is_rejected_in_strict_and_reported_in_warn()
    {
        using var harness = SchemaManagerHarness.CreateOverHttp(_server, new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "strict" });
        harness.Manager.Validate(TestSchemas.Name, V1Payload);

        _server.Registry.Add("v1", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventRenamedRequired);
        await harness.Poller.PollOnceAsync(CancellationToken.None);

        var rejection = Assert.Throws<SchemaValidationException>(() => harness.Manager.Validate(TestSchemas.Name, V1Payload));
        Assert.Multiple(() =>
        {
            Assert.That(rejection!.Version, Is.EqualTo("2.0.0"));
            Assert.That(rejection.NegotiatedTrack, Is.EqualTo("v1"));
            Assert.That(rejection.Errors.Select(e => e.Keyword), Does.Contain("required"));
        });

        harness.Reconfigure("REGISTRY_ENFORCEMENT", "warn");
        var reported = harness.Manager.Validate(TestSchemas.Name, V1Payload);
        Assert.Multiple(() =>
        {
            Assert.That(reported.Status, Is.EqualTo(SchemaValidationStatus.Invalid));
            Assert.That(reported.Errors.Select(e => e.Keyword), Does.Contain("required"));
            Assert.That(harness.Manager.GetStats().Warnings, Is.EqualTo(1));
            Assert.That(harness.Manager.GetStats().Rejections, Is.EqualTo(1));
            Assert.That(harness.Logs.WithEventId(1000).Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Registry_outage_after_warm_up_keeps_validating_from_cache_with_errors_counted()
    {
        using var harness = SchemaManagerHarness.CreateOverHttp(_server, new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "strict" });
        harness.Manager.Validate(TestSchemas.Name, V1Payload);

        _server.Down = true;
        harness.Time.Advance(TimeSpan.FromSeconds(301));
        harness.Manager.Validate(TestSchemas.Name, V1Payload);
        await harness.WaitForLoadAsync(TestSchemas.Name);
        Assert.That(await harness.Poller.PollOnceAsync(CancellationToken.None), Is.EqualTo(-1));

        Assert.Multiple(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.That(harness.Manager.Validate(TestSchemas.Name, V1Payload).Status, Is.EqualTo(SchemaValidationStatus.Valid));
            }

            Assert.Throws<SchemaValidationException>(() => harness.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8(TestSchemas.InvalidPayload)));
            Assert.That(harness.Manager.GetStats().RegistryErrors, Is.EqualTo(2), "one failed refresh, one failed index poll");
            var health = await CheckHealthAsync(harness);
            Assert.That(health.Status, Is.EqualTo(HealthStatus.Degraded));
        });

        _server.Down = false;
        harness.Time.Advance(TimeSpan.FromSeconds(11));
        harness.Manager.Validate(TestSchemas.Name, V1Payload);
        await harness.WaitForLoadAsync(TestSchemas.Name);
        Assert.That((await CheckHealthAsync(harness)).Status, Is.EqualTo(HealthStatus.Healthy), "recovers once the registry answers");
    }

    [Test]
    public async Task Restart_during_an_outage_starts_from_the_disk_snapshot()
    {
        var settings = new Dictionary<string, string?>
        {
            ["REGISTRY_ENFORCEMENT"] = "strict",
            ["SchemaEnforcement:CacheDirectory"] = _snapshots,
            ["SchemaEnforcement:CriticalSchemas:0"] = TestSchemas.Name,
        };
        using (var before = SchemaManagerHarness.CreateOverHttp(_server, settings))
        {
            await before.Preloader.StartAsync(CancellationToken.None);
            Assert.That(before.Manager.Validate(TestSchemas.Name, V1Payload).IsValid, Is.True);
        }

        _server.Down = true;
        using var after = SchemaManagerHarness.CreateOverHttp(_server, settings);
        await after.Preloader.StartAsync(CancellationToken.None);

        var outcome = after.Manager.Validate(TestSchemas.Name, V1Payload);
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Valid));
            Assert.That(outcome.Version, Is.EqualTo("1.0.0"));
            Assert.That(outcome.NegotiatedTrack, Is.EqualTo("v1"));
            Assert.Throws<SchemaValidationException>(() => after.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8(TestSchemas.InvalidPayload)),
                "the snapshot enforces like the registry's copy");
            Assert.That(after.Manager.GetStats().Schemas.Single().FromSnapshot, Is.True);
            Assert.That(after.Manager.GetStats().RegistryErrors, Is.GreaterThanOrEqualTo(1));
            Assert.That(after.Logs.WithEventId(1007).Count(), Is.EqualTo(1), "snapshot loaded");
            Assert.That((await CheckHealthAsync(after)).Status, Is.EqualTo(HealthStatus.Degraded));
        });
    }

    [Test]
    public async Task Restart_with_the_registry_down_and_no_critical_schemas_seeds_every_snapshot()
    {
        var settings = new Dictionary<string, string?> { ["SchemaEnforcement:CacheDirectory"] = _snapshots };
        using (var before = SchemaManagerHarness.CreateOverHttp(_server, settings))
        {
            before.Manager.Validate(TestSchemas.Name, V1Payload);
        }

        _server.Down = true;
        using var after = SchemaManagerHarness.CreateOverHttp(_server, settings);
        await after.Preloader.StartAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(after.Cache.Count, Is.EqualTo(1));
            Assert.That(after.Logs.WithEventId(1016).Count(), Is.EqualTo(1));
            Assert.That(after.Manager.Validate(TestSchemas.Name, V1Payload).Status, Is.EqualTo(SchemaValidationStatus.Valid));
        });
    }

    [Test]
    public async Task A_thousand_concurrent_first_requests_make_exactly_one_http_request()
    {
        _server.Registry.Add("v2", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventWithOptionalRegion);
        _server.Delay = TimeSpan.FromMilliseconds(300);
        using var harness = SchemaManagerHarness.CreateOverHttp(_server);

        using var start = new ManualResetEventSlim();
        var blocking = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            start.Wait();
            return harness.Manager.Validate(TestSchemas.Name, V1Payload);
        }, TaskCreationOptions.LongRunning)).ToList();
        var awaiting = Enumerable.Range(0, 996).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await harness.Manager.ValidateAsync(TestSchemas.Name, V1Payload.AsMemory(), $"key-{i}");
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(blocking.Concat(awaiting)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(_server.RequestCount("/schemas"), Is.EqualTo(1));
            Assert.That(outcomes, Has.Length.EqualTo(1000));
            Assert.That(outcomes.Select(o => (o.Status, o.NegotiatedTrack, o.Version)).Distinct(),
                Is.EqualTo(new[] { (SchemaValidationStatus.Valid, (string?)"v2", (string?)"2.0.0") }));
        });
    }

    private static Task<HealthReport> CheckHealthAsync(SchemaManagerHarness harness)
    {
        var services = new ServiceCollection().AddSingleton(harness.Cache).AddSingleton(harness.Get<EnforcementPolicy>()).AddLogging();
        services.AddHealthChecks().AddSchemaRegistry();
        return services.BuildServiceProvider().GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }
}
