using System.Text;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Testing;
using CoreRegistryClient.Tests.TestSupport;

namespace CoreRegistryClient.Tests;

/// <summary><see cref="ISchemaManager.EvaluateAsync"/>: validation under a mode the caller chose, enforced by the
/// caller (the HTTP package's per-endpoint modes), and the schema metadata an outcome carries.</summary>
public class SchemaManagerEvaluateTests
{
    private static readonly byte[] Valid = TestSchemas.Utf8(TestSchemas.ValidPayload);
    private static readonly byte[] Invalid = TestSchemas.Utf8(TestSchemas.InvalidPayload);

    [Test]
    public async Task A_strict_failure_is_returned_not_thrown_and_counted_as_a_rejection()
    {
        using var harness = SchemaManagerHarness.Create();
        var outcome = await harness.Manager.EvaluateAsync(TestSchemas.Name, Invalid, EnforcementMode.Strict);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Invalid));
            Assert.That(outcome.Mode, Is.EqualTo(EnforcementMode.Strict));
            Assert.That(outcome.Errors, Is.Not.Empty);
            Assert.That(outcome.ReadError, Is.EqualTo(PayloadReadError.None));
            Assert.That(harness.Manager.GetStats().Rejections, Is.EqualTo(1));
            Assert.That(harness.Logs.WithEventId(1001).Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_callers_mode_wins_over_the_configured_mode_and_overrides()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?>
        {
            ["REGISTRY_ENFORCEMENT"] = "off",
            [$"SchemaEnforcement:Overrides:{TestSchemas.Name}"] = "off",
        });
        var outcome = await harness.Manager.EvaluateAsync(TestSchemas.Name, Invalid, EnforcementMode.Warn);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Invalid));
            Assert.That(outcome.Mode, Is.EqualTo(EnforcementMode.Warn));
            Assert.That(harness.Manager.GetStats().Warnings, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Nothing_is_validated_when_enforcement_is_disabled_or_the_mode_is_off()
    {
        using var disabled = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_ENABLED"] = "false" });
        using var enabled = SchemaManagerHarness.Create();
        var whenDisabled = await disabled.Manager.EvaluateAsync(TestSchemas.Name, Invalid, EnforcementMode.Strict);
        var whenOff = await enabled.Manager.EvaluateAsync(TestSchemas.Name, Invalid, EnforcementMode.Off);
        Assert.Multiple(() =>
        {
            Assert.That(whenDisabled.Status, Is.EqualTo(SchemaValidationStatus.Skipped));
            Assert.That(whenOff.Status, Is.EqualTo(SchemaValidationStatus.Skipped));
            Assert.That(enabled.Registry.SchemaRequests, Is.Zero);
        });
    }

    [Test]
    public async Task An_unknown_schema_in_strict_mode_is_returned_as_not_found()
    {
        using var harness = SchemaManagerHarness.Create();
        var outcome = await harness.Manager.EvaluateAsync("no.SuchSchema", Valid, EnforcementMode.Strict);
        Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.SchemaNotFound));
    }

    [Test]
    public async Task An_unavailable_schema_under_reject_in_strict_mode_is_returned_as_unavailable()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["SchemaEnforcement:OnUnavailable"] = "reject" });
        harness.Registry.Failure = FakeRegistryClient.Outage();
        var outcome = await harness.Manager.EvaluateAsync(TestSchemas.Name, Valid, EnforcementMode.Strict);
        Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Unavailable));
    }

    [TestCase("{\"coordinator_id\":", PayloadReadError.MalformedJson)]
    [TestCase("", PayloadReadError.MalformedJson)]
    [TestCase("{} {}", PayloadReadError.MalformedJson)]
    public async Task Unreadable_json_says_why(string body, PayloadReadError expected)
    {
        using var harness = SchemaManagerHarness.Create();
        var outcome = await harness.Manager.EvaluateAsync(TestSchemas.Name, Encoding.UTF8.GetBytes(body), EnforcementMode.Strict);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Invalid));
            Assert.That(outcome.ReadError, Is.EqualTo(expected));
            Assert.That(outcome.Errors, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Invalid_utf8_and_deep_nesting_are_read_errors_of_their_own()
    {
        using var harness = SchemaManagerHarness.Create();
        byte[] badUtf8 = [.. "{\"coordinator_id\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        var deep = Encoding.UTF8.GetBytes(new string('[', 500) + new string(']', 500));
        var utf8 = await harness.Manager.EvaluateAsync(TestSchemas.Name, badUtf8, EnforcementMode.Warn);
        var nested = await harness.Manager.EvaluateAsync(TestSchemas.Name, deep, EnforcementMode.Warn);
        Assert.Multiple(() =>
        {
            Assert.That(utf8.ReadError, Is.EqualTo(PayloadReadError.InvalidUtf8));
            Assert.That(nested.ReadError, Is.EqualTo(PayloadReadError.TooDeep));
        });
    }

    [Test]
    public async Task The_outcome_names_the_schema_id_and_the_registrys_deprecation()
    {
        var registry = new InMemorySchemaRegistry()
            .Add("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent, deprecated: true, deprecationNote: "Use v2 by June", schemaId: "urn:schema:feedback:1");
        using var harness = SchemaManagerHarness.Create(registry: registry);
        var outcome = await harness.Manager.EvaluateAsync(TestSchemas.Name, Valid, EnforcementMode.Warn);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Valid));
            Assert.That(outcome.SchemaId, Is.EqualTo("urn:schema:feedback:1"));
            Assert.That(outcome.IsDeprecated, Is.True);
            Assert.That(outcome.DeprecationNote, Is.EqualTo("Use v2 by June"));
        });
    }

    [Test]
    public async Task A_deprecation_published_without_a_content_change_is_picked_up_on_the_next_refresh()
    {
        var registry = new InMemorySchemaRegistry().Add("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.Create(registry: registry);
        var before = await harness.Manager.EvaluateAsync(TestSchemas.Name, Valid, EnforcementMode.Warn);
        registry.Deprecate("v1", TestSchemas.Name, "Moving to v2");
        Assert.That(harness.Cache.TryGetEntry(TestSchemas.Name, out var entry), Is.True);
        await harness.Cache.RefreshAsync(entry, "v1", TestSchemas.Name);
        var after = await harness.Manager.EvaluateAsync(TestSchemas.Name, Valid, EnforcementMode.Warn);
        Assert.Multiple(() =>
        {
            Assert.That(before.IsDeprecated, Is.False);
            Assert.That(after.IsDeprecated, Is.True);
            Assert.That(after.DeprecationNote, Is.EqualTo("Moving to v2"));
        });
    }

    [Test]
    public void The_canary_slice_for_http_keys_is_the_one_messages_get()
    {
        var options = new SchemaEnforcementOptions { Enabled = true, Mode = EnforcementMode.Warn, CanaryStrictPercent = 30 };
        var policy = new PolicySnapshot(options);
        var keys = Enumerable.Range(0, 2_000).Select(i => $"client-{i}").ToList();
        var disagreements = keys.Where(k => CanarySlice.Contains(k, 30) != (policy.ModeFor(TestSchemas.Name, k) == EnforcementMode.Strict));
        Assert.Multiple(() =>
        {
            Assert.That(disagreements, Is.Empty);
            Assert.That(keys.Count(k => CanarySlice.Contains(k, 30)) / 2_000.0, Is.InRange(0.26, 0.34));
            Assert.That(keys.Any(k => CanarySlice.Contains(k, 0)), Is.False);
            Assert.That(keys.All(k => CanarySlice.Contains(k, 100)), Is.True);
        });
    }
}
