using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Testing;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.Tests.DependencyInjection;

/// <summary>A reload that fails validation is refused everywhere, loudly, and the SDK keeps working on the last valid options.</summary>
public class InvalidReloadTests
{
    private const string Token = "tok-9f8e7d6c5b4a";

    [Test]
    public async Task Registry_calls_keep_working_with_the_last_valid_options_after_an_invalid_reload()
    {
        await using var server = await LoopbackRegistryServer.StartAsync();
        server.Registry.Add("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.CreateOverHttp(server);

        harness.Reconfigure("REGISTRY_TIMEOUT", "-5");

        var schema = await harness.RegistryClient.GetSchemaAsync("v1", TestSchemas.Name);
        Assert.Multiple(() =>
        {
            Assert.That(schema.CoreVersion, Is.EqualTo("1.0.0"));
            Assert.That(harness.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8(TestSchemas.ValidPayload)).IsValid, Is.True);
            Assert.That(harness.Manager.GetStats().RegistryErrors, Is.Zero);
            Assert.That(harness.Get<IOptionsMonitor<SchemaEnforcementOptions>>().CurrentValue.Timeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
        });
    }

    [Test]
    public void An_invalid_reload_is_logged_once_naming_the_failures_but_never_the_token()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_TOKEN"] = Token });
        var policy = harness.Get<EnforcementPolicy>(); // a running service has its policy before any reload

        harness.Reconfigure("REGISTRY_ENFORCEMENT", "bogus");

        var refused = harness.Logs.WithEventId(1020).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(refused, Has.Count.EqualTo(1));
            Assert.That(refused[0].Message, Does.Contain("REGISTRY_ENFORCEMENT must be 'off', 'warn' or 'strict'"));
            Assert.That(harness.Logs.AllText, Does.Not.Contain(Token));
            Assert.That(policy.Current.Mode, Is.EqualTo(EnforcementMode.Warn));
        });
    }

    [Test]
    public void A_valid_reload_after_a_refused_one_takes_effect()
    {
        using var harness = SchemaManagerHarness.Create();
        var policy = harness.Get<EnforcementPolicy>();
        harness.Reconfigure("REGISTRY_ENFORCEMENT", "bogus");
        harness.Reconfigure("REGISTRY_ENFORCEMENT", "strict");
        Assert.Multiple(() =>
        {
            Assert.That(policy.Current.Mode, Is.EqualTo(EnforcementMode.Strict));
            Assert.That(harness.Get<IOptionsMonitor<SchemaEnforcementOptions>>().CurrentValue.Mode, Is.EqualTo(EnforcementMode.Strict));
        });
    }
}
