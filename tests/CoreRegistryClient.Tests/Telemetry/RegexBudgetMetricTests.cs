using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Telemetry;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CoreRegistryClient.Tests.Telemetry;

/// <summary>A payload that runs a schema's pattern out of its regex budget is counted in
/// <c>schema_validation_regex_timeouts_total</c>, once per validation, so operators see a hostile pattern or input.</summary>
public class RegexBudgetMetricTests
{
    private const string Name = "telemetry.Pattern";

    // The backreference keeps the pattern on the backtracking engine, where nested quantifiers are catastrophic.
    private const string CatastrophicSchema = """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"string","pattern":"^(a+)+\\1$"}""";

    [Test]
    public void A_validation_that_exhausts_the_regex_budget_is_counted_once_and_the_payload_is_invalid()
    {
        var registry = new FakeRegistryClient();
        registry.Put("v1", Name, "1.0.0", CatastrophicSchema);
        using var harness = SchemaManagerHarness.Create(registry: registry);
        using var timeouts = new MetricCollector<long>(harness.Get<SchemaMetrics>().Meter, "schema_validation_regex_timeouts");

        var outcome = harness.Manager.Validate(Name, TestSchemas.Utf8("\"" + new string('a', 40) + "!\""));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Invalid));
            Assert.That(timeouts.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(1));
            Assert.That(timeouts.LastMeasurement?.Tags["schema"], Is.EqualTo(Name));
        });
    }

    [Test]
    public void A_payload_the_pattern_decides_quickly_is_not_counted()
    {
        var registry = new FakeRegistryClient();
        registry.Put("v1", Name, "1.0.0", CatastrophicSchema);
        using var harness = SchemaManagerHarness.Create(registry: registry);
        using var timeouts = new MetricCollector<long>(harness.Get<SchemaMetrics>().Meter, "schema_validation_regex_timeouts");

        var outcome = harness.Manager.Validate(Name, TestSchemas.Utf8("\"aaaa\""));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Valid));
            Assert.That(timeouts.GetMeasurementSnapshot(), Is.Empty);
        });
    }
}
