using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoreRegistryClient.Tests.Telemetry;

public class SchemaRegistryHealthCheckTests
{
    private static readonly byte[] Valid = TestSchemas.Utf8(TestSchemas.ValidPayload);

    [Test]
    public async Task Healthy_when_every_schema_in_use_is_current()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate(TestSchemas.Name, Valid);
        var report = await CheckAsync(harness);
        Assert.Multiple(() =>
        {
            Assert.That(report.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(report.Entries["schema-registry"].Data["schemas_in_use"], Is.EqualTo(1));
            Assert.That(report.Entries["schema-registry"].Data["registry_reachable"], Is.EqualTo(true));
        });
    }

    [Test]
    public async Task Healthy_when_enforcement_is_disabled()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?>
        {
            ["REGISTRY_ENABLED"] = "false",
            ["SchemaEnforcement:CriticalSchemas:0"] = TestSchemas.Name,
        });
        Assert.That((await CheckAsync(harness)).Status, Is.EqualTo(HealthStatus.Healthy));
    }

    [Test]
    public async Task Degraded_while_serving_a_stale_validator_after_a_failed_refresh()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate(TestSchemas.Name, Valid);
        harness.Registry.Failure = FakeRegistryClient.Outage();
        harness.Time.Advance(TimeSpan.FromSeconds(301));
        harness.Manager.Validate(TestSchemas.Name, Valid);
        await harness.WaitForLoadAsync(TestSchemas.Name);
        var report = await CheckAsync(harness);
        Assert.Multiple(() =>
        {
            Assert.That(report.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(report.Entries["schema-registry"].Description, Does.Contain(TestSchemas.Name));
        });
    }

    [Test]
    public async Task Degraded_when_a_schema_fails_open()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Registry.Failure = FakeRegistryClient.Outage();
        harness.Manager.Validate("unknown.Schema", Valid);
        Assert.That((await CheckAsync(harness)).Status, Is.EqualTo(HealthStatus.Degraded));
    }

    [Test]
    public async Task Unhealthy_when_a_schema_is_missing_and_unknown_schemas_are_rejected()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["SchemaEnforcement:OnUnavailable"] = "reject" });
        harness.Registry.Failure = FakeRegistryClient.Outage();
        harness.Manager.Validate("unknown.Schema", Valid);
        var report = await CheckAsync(harness);
        Assert.Multiple(() =>
        {
            Assert.That(report.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(report.Entries["schema-registry"].Description, Does.Contain("unknown.Schema"));
        });
    }

    [Test]
    public async Task Unhealthy_until_critical_schemas_are_loaded()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["SchemaEnforcement:CriticalSchemas:0"] = TestSchemas.Name });
        harness.Registry.Failure = FakeRegistryClient.Outage();
        await harness.Preloader.StartAsync(CancellationToken.None);
        Assert.That((await CheckAsync(harness)).Status, Is.EqualTo(HealthStatus.Unhealthy));

        harness.Registry.Failure = null;
        Assert.That(await harness.Manager.PreloadAsync([TestSchemas.Name]), Is.True);
        Assert.That((await CheckAsync(harness)).Status, Is.EqualTo(HealthStatus.Healthy));
    }

    [Test]
    public async Task Failure_status_can_be_chosen()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["SchemaEnforcement:CriticalSchemas:0"] = TestSchemas.Name });
        Assert.That((await CheckAsync(harness, HealthStatus.Degraded)).Status, Is.EqualTo(HealthStatus.Degraded));
    }

    private static Task<HealthReport> CheckAsync(SchemaManagerHarness harness, HealthStatus? failureStatus = null)
    {
        var services = new ServiceCollection().AddSingleton(harness.Cache).AddSingleton(harness.Get<CoreRegistryClient.Enforcement.EnforcementPolicy>()).AddLogging();
        services.AddHealthChecks().AddSchemaRegistry(failureStatus: failureStatus);
        return services.BuildServiceProvider().GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }
}
