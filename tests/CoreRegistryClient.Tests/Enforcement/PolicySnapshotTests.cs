using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.Tests.Enforcement;

public class PolicySnapshotTests
{
    [Test]
    public void Disabled_means_off_whatever_the_mode()
    {
        var policy = new PolicySnapshot(new SchemaEnforcementOptions { Enabled = false, Mode = EnforcementMode.Strict });
        Assert.That(policy.ModeFor("a", "k"), Is.EqualTo(EnforcementMode.Off));
    }

    [Test]
    public void Override_wins_over_the_default_mode_for_that_schema_only()
    {
        var options = new SchemaEnforcementOptions { Enabled = true, Mode = EnforcementMode.Warn };
        options.Overrides["md.BarBatch"] = EnforcementMode.Strict;
        options.Overrides["noisy.Thing"] = EnforcementMode.Off;
        var policy = new PolicySnapshot(options);
        Assert.Multiple(() =>
        {
            Assert.That(policy.ModeFor("md.BarBatch", null), Is.EqualTo(EnforcementMode.Strict));
            Assert.That(policy.ModeFor("md.BarBatch.schema", null), Is.EqualTo(EnforcementMode.Strict), "the .schema suffix names the same schema");
            Assert.That(policy.ModeFor("noisy.Thing", null), Is.EqualTo(EnforcementMode.Off));
            Assert.That(policy.ModeFor("telemetry.FeedbackEvent", null), Is.EqualTo(EnforcementMode.Warn));
        });
    }

    [Test]
    public void Canary_turns_warn_into_strict_for_keys_below_the_threshold_and_never_without_a_key()
    {
        var policy = new PolicySnapshot(new SchemaEnforcementOptions { Enabled = true, Mode = EnforcementMode.Warn, CanaryStrictPercent = 30 });
        var threshold = CanarySelector.Threshold(30);
        var keys = Enumerable.Range(0, 500).Select(i => $"order-{i}").ToList();
        Assert.Multiple(() =>
        {
            foreach (var key in keys)
            {
                var expected = CanarySelector.Bucket(key) < threshold ? EnforcementMode.Strict : EnforcementMode.Warn;
                Assert.That(policy.ModeFor("s", key), Is.EqualTo(expected), key);
            }

            Assert.That(policy.ModeFor("s", null), Is.EqualTo(EnforcementMode.Warn));
            Assert.That(keys.Count(k => policy.ModeFor("s", k) == EnforcementMode.Strict), Is.InRange(100, 200));
        });
    }

    [Test]
    public void Canary_decisions_are_the_same_in_a_fresh_policy()
    {
        var options = new SchemaEnforcementOptions { Enabled = true, CanaryStrictPercent = 50 };
        var first = new PolicySnapshot(options);
        var second = new PolicySnapshot(options);
        var keys = Enumerable.Range(0, 200).Select(i => $"acct-{i}").ToList();
        Assert.That(keys.Select(k => second.ModeFor("s", k)), Is.EqualTo(keys.Select(k => first.ModeFor("s", k))));
    }

    [Test]
    public void Canary_does_not_touch_schemas_overridden_to_off()
    {
        var options = new SchemaEnforcementOptions { Enabled = true, CanaryStrictPercent = 100 };
        options.Overrides["quiet"] = EnforcementMode.Off;
        var policy = new PolicySnapshot(options);
        Assert.Multiple(() =>
        {
            Assert.That(policy.ModeFor("quiet", "k"), Is.EqualTo(EnforcementMode.Off));
            Assert.That(policy.ModeFor("other", "k"), Is.EqualTo(EnforcementMode.Strict));
        });
    }

    [TestCase("off", EnforcementMode.Off)]
    [TestCase("WARN", EnforcementMode.Warn)]
    [TestCase(" strict ", EnforcementMode.Strict)]
    [TestCase("enforce", EnforcementMode.Strict)]
    public void Mode_names_parse_including_enforce_as_strict(string text, EnforcementMode expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(EnforcementModeParser.TryParse(text, out var mode), Is.True);
            Assert.That(mode, Is.EqualTo(expected));
        });
    }

    [TestCase("block")]
    [TestCase("")]
    [TestCase(null)]
    public void Unknown_mode_names_do_not_parse(string? text) => Assert.That(EnforcementModeParser.TryParse(text, out _), Is.False);
}
