using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.Tests.DependencyInjection;

/// <summary>Every numeric option has an upper bound, checked at start-up and on reload with a message naming the
/// key; enums are read by name only. Before, <c>REGISTRY_TIMEOUT=5000000</c> started and later threw from a wait.</summary>
public class OptionBoundsTests
{
    [TestCase("REGISTRY_TIMEOUT", "5000000", "REGISTRY_TIMEOUT")]
    [TestCase("REGISTRY_POLL_SECONDS", "5000000", "REGISTRY_POLL_SECONDS")]
    [TestCase("REGISTRY_CACHE_TTL", "86401", "REGISTRY_CACHE_TTL")]
    [TestCase("SchemaEnforcement:RetryInterval", "3601", "SchemaEnforcement:RetryInterval")]
    [TestCase("SchemaEnforcement:NotFoundTtl", "3601", "SchemaEnforcement:NotFoundTtl")]
    [TestCase("SchemaEnforcement:PreloadTimeout", "301", "SchemaEnforcement:PreloadTimeout")]
    [TestCase("SchemaEnforcement:MaxCachedSchemas", "100001", "SchemaEnforcement:MaxCachedSchemas")]
    [TestCase("SchemaEnforcement:OnUnavailable", "1", "SchemaEnforcement:OnUnavailable")]
    public void Out_of_range_values_stop_start_up_naming_the_key(string key, string value, string named)
    {
        var failures = Failures(new Dictionary<string, string?> { [key] = value });
        Assert.That(failures, Has.Some.Contains(named));
    }

    [TestCase("REGISTRY_TIMEOUT", "300")]
    [TestCase("REGISTRY_POLL_SECONDS", "86400")]
    [TestCase("SchemaEnforcement:OnUnavailable", "Reject")]
    [TestCase("SchemaEnforcement:MaxCachedSchemas", "100000")]
    public void The_upper_bounds_themselves_are_accepted(string key, string value) =>
        Assert.That(Failures(new Dictionary<string, string?> { [key] = value }), Is.Empty);

    [Test]
    public void A_reload_out_of_range_is_refused_and_the_last_valid_options_stay()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8(TestSchemas.ValidPayload)); // the host is running
        harness.Reconfigure("REGISTRY_TIMEOUT", "5000000");
        Assert.Multiple(() =>
        {
            Assert.That(harness.Get<IOptionsMonitor<SchemaEnforcementOptions>>().CurrentValue.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(harness.Logs.WithEventId(1020).Single().Message, Does.Contain("REGISTRY_TIMEOUT"));
        });
    }

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> settings)
    {
        settings["REGISTRY_ENABLED"] = "true";
        settings["REGISTRY_URL"] = "http://127.0.0.1:9/";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSchemaEnforcement(configuration).BuildServiceProvider();
        try
        {
            _ = services.GetRequiredService<IOptionsFactory<SchemaEnforcementOptions>>().Create(Options.DefaultName);
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return [.. exception.Failures];
        }
    }
}
