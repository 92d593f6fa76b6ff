using System.Text.Json;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Tests.TestSupport;

namespace CoreRegistryClient.Tests;

public class SchemaManagerTests
{
    private static readonly byte[] Valid = TestSchemas.Utf8(TestSchemas.ValidPayload);
    private static readonly byte[] Invalid = TestSchemas.Utf8(TestSchemas.InvalidPayload);

    [Test]
    public void Valid_payload_is_valid_and_says_which_track_and_version_were_used()
    {
        using var harness = SchemaManagerHarness.Create();
        var outcome = harness.Manager.Validate(TestSchemas.Name, Valid);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Valid));
            Assert.That(outcome.IsValid, Is.True);
            Assert.That(outcome.Mode, Is.EqualTo(EnforcementMode.Warn));
            Assert.That(outcome.SchemaName, Is.EqualTo(TestSchemas.Name));
            Assert.That(outcome.RequestedTrack, Is.EqualTo("v2"));
            Assert.That(outcome.NegotiatedTrack, Is.EqualTo("v1"), "v2 lacks the schema, so the fallback is used");
            Assert.That(outcome.Version, Is.EqualTo("1.0.0"));
            Assert.That(outcome.Errors, Is.Empty);
            Assert.That(outcome.IsFailOpen, Is.False);
        });
    }

    [Test]
    public void Preferred_track_is_used_when_it_has_the_schema()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Registry.Put("v2", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventWithOptionalRegion);
        var outcome = harness.Manager.Validate(TestSchemas.Name, Valid);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.NegotiatedTrack, Is.EqualTo("v2"));
            Assert.That(outcome.Version, Is.EqualTo("2.0.0"));
            Assert.That(harness.Registry.Requests, Is.EqualTo(new[] { $"GET /schemas/v2/{TestSchemas.Name}" }));
        });
    }

    [Test]
    public void Deprecated_preferred_track_falls_back()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Registry.Put("v2", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventRenamedRequired, deprecated: true);
        var outcome = harness.Manager.Validate(TestSchemas.Name, Valid);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.NegotiatedTrack, Is.EqualTo("v1"));
            Assert.That(outcome.IsValid, Is.True);
        });
    }

    [Test]
    public void Deprecated_preferred_track_is_still_used_when_the_fallback_lacks_the_schema()
    {
        var registry = new FakeRegistryClient();
        registry.Put("v2", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEvent, deprecated: true);
        using var harness = SchemaManagerHarness.Create(registry: registry);
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).NegotiatedTrack, Is.EqualTo("v2"));
    }

    [Test]
    public void Pinned_track_is_the_only_one_asked()
    {
        var registry = new FakeRegistryClient();
        registry.Put("v2", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_TRACK"] = "v1" }, registry);
        var outcome = harness.Manager.Validate(TestSchemas.Name, Valid);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.SchemaNotFound), "absent from the pinned track is not an outage");
            Assert.That(outcome.RequestedTrack, Is.EqualTo("v1"));
            Assert.That(harness.Registry.Requests, Is.EqualTo(new[] { $"GET /schemas/v1/{TestSchemas.Name}", "GET /index" }),
                "one schema request; the index says no other spelling exists");
        });
    }

    [Test]
    public void Warn_mode_returns_an_invalid_outcome_with_locations_and_logs_it()
    {
        using var harness = SchemaManagerHarness.Create();
        var outcome = harness.Manager.Validate(TestSchemas.Name, Invalid);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Invalid));
            Assert.That(outcome.IsValid, Is.False);
            Assert.That(outcome.Errors.Select(e => e.InstanceLocation), Is.SupersetOf(new[] { "/queue_size", "/level" }));
            Assert.That(outcome.Errors.Select(e => e.Keyword), Is.SupersetOf(new[] { "minimum", "enum" }));
            Assert.That(harness.Logs.WithEventId(1000).Count(), Is.EqualTo(1));
            Assert.That(harness.Manager.GetStats().Warnings, Is.EqualTo(1));
        });
    }

    [Test]
    public void Strict_mode_throws_with_schema_tracks_version_and_errors_but_no_payload_values()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "strict" });
        var exception = Assert.Throws<SchemaValidationException>(() => harness.Manager.Validate(TestSchemas.Name, Invalid));
        Assert.Multiple(() =>
        {
            Assert.That(exception!.SchemaName, Is.EqualTo(TestSchemas.Name));
            Assert.That(exception.RequestedTrack, Is.EqualTo("v2"));
            Assert.That(exception.NegotiatedTrack, Is.EqualTo("v1"));
            Assert.That(exception.Version, Is.EqualTo("1.0.0"));
            Assert.That(exception.Mode, Is.EqualTo(EnforcementMode.Strict));
            Assert.That(exception.Status, Is.EqualTo(SchemaValidationStatus.Invalid));
            Assert.That(exception.Errors.Select(e => e.KeywordLocation), Has.Some.EndsWith("/enum"));
            Assert.That(exception.Message, Does.Contain("/queue_size").And.Contain(TestSchemas.Name));
            Assert.That(exception.Message, Does.Not.Contain(TestSchemas.SecretValue));
            Assert.That(harness.Logs.AllText, Does.Not.Contain(TestSchemas.SecretValue));
            Assert.That(harness.Logs.WithEventId(1001).Count(), Is.EqualTo(1));
            Assert.That(harness.Manager.GetStats().Rejections, Is.EqualTo(1));
        });
    }

    [Test]
    public void Unknown_schema_from_a_reachable_registry_is_not_valid_in_warn_mode_even_when_unavailable_schemas_are_allowed()
    {
        using var harness = SchemaManagerHarness.Create();
        var outcome = harness.Manager.Validate("telemetry.FeedbakEvent", Valid);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.SchemaNotFound));
            Assert.That(outcome.IsValid, Is.False);
            Assert.That(outcome.IsFailOpen, Is.False);
            Assert.That(outcome.Errors.Single().Message, Does.Contain("does not exist"));
            Assert.That(harness.Logs.WithEventId(1019).Count(), Is.EqualTo(1));
            Assert.That(harness.Manager.GetStats().FailOpens, Is.Zero);
        });
    }

    [Test]
    public void Unknown_schema_stays_not_found_on_later_calls_without_a_new_registry_request()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate("telemetry.FeedbakEvent", Valid);
        Assert.That(harness.Manager.Validate("telemetry.FeedbakEvent", Valid).Status, Is.EqualTo(SchemaValidationStatus.SchemaNotFound));
    }

    [Test]
    public void Strict_mode_throws_saying_an_unknown_schema_does_not_exist()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "strict" });
        var exception = Assert.Throws<SchemaValidationException>(() => harness.Manager.Validate("telemetry.FeedbakEvent", Valid));
        Assert.Multiple(() =>
        {
            Assert.That(exception!.Status, Is.EqualTo(SchemaValidationStatus.SchemaNotFound));
            Assert.That(exception.Message, Does.Contain("'telemetry.FeedbakEvent'").And.Contain("does not exist"));
        });
    }

    [Test]
    public void A_registry_outage_still_fails_open_under_the_default_policy()
    {
        var registry = new FakeRegistryClient();
        registry.Put("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        registry.Failure = FakeRegistryClient.Outage();
        using var harness = SchemaManagerHarness.Create(registry: registry);
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).Status, Is.EqualTo(SchemaValidationStatus.FailedOpen));
    }

    [Test]
    public void Strict_mode_passes_valid_payloads()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "enforce" });
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).Mode, Is.EqualTo(EnforcementMode.Strict));
    }

    [Test]
    public void Off_does_no_work_no_registry_call_no_cache_entry()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "off" });
        var outcome = harness.Manager.Validate(TestSchemas.Name, Invalid);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Skipped));
            Assert.That(outcome.IsValid, Is.True);
            Assert.That(harness.Registry.Requests, Is.Empty);
            Assert.That(harness.Cache.Count, Is.Zero);
            Assert.That(harness.Manager.GetStats().Validations, Is.Zero);
        });
    }

    [Test]
    public void Disabled_does_no_registry_access_and_no_validation()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_ENABLED"] = "false", ["REGISTRY_ENFORCEMENT"] = "strict" });
        Assert.Multiple(async () =>
        {
            Assert.That(harness.Manager.Validate(TestSchemas.Name, Invalid).Status, Is.EqualTo(SchemaValidationStatus.Skipped));
            Assert.That(await harness.Manager.PreloadAsync([TestSchemas.Name]), Is.False);
            Assert.That(harness.Registry.Requests, Is.Empty);
        });
    }

    [Test]
    public void Mode_flips_at_run_time_through_configuration_reload()
    {
        using var harness = SchemaManagerHarness.Create();
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Invalid).Status, Is.EqualTo(SchemaValidationStatus.Invalid));

        harness.Reconfigure("REGISTRY_ENFORCEMENT", "strict");
        Assert.Throws<SchemaValidationException>(() => harness.Manager.Validate(TestSchemas.Name, Invalid));

        harness.Reconfigure("REGISTRY_ENFORCEMENT", "warn");
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Invalid).Mode, Is.EqualTo(EnforcementMode.Warn));

        harness.Reconfigure("REGISTRY_ENFORCEMENT", "off");
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Invalid).Status, Is.EqualTo(SchemaValidationStatus.Skipped));
        Assert.That(harness.Registry.SchemaRequests, Is.EqualTo(2), "v2 then v1 once: mode flips never refetch");
    }

    [Test]
    public void Per_schema_override_applies_to_that_schema_only()
    {
        var registry = new FakeRegistryClient();
        registry.Put("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        registry.Put("v1", "other.Event", "1.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { [$"SchemaEnforcement:Overrides:{TestSchemas.Name}"] = "strict" }, registry);
        Assert.Multiple(() =>
        {
            Assert.Throws<SchemaValidationException>(() => harness.Manager.Validate(TestSchemas.Name, Invalid));
            Assert.That(harness.Manager.Validate("other.Event", Invalid).Status, Is.EqualTo(SchemaValidationStatus.Invalid));
        });
    }

    [Test]
    public void Canary_rejects_exactly_the_keys_chosen_by_their_hash()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["SchemaEnforcement:CanaryStrictPercent"] = "50" });
        var threshold = CanarySelector.Threshold(50);
        var keys = Enumerable.Range(0, 100).Select(i => $"acct-{i}").ToList();
        var rejected = keys.Where(key =>
        {
            try
            {
                harness.Manager.Validate(TestSchemas.Name, Invalid, key);
                return false;
            }
            catch (SchemaValidationException)
            {
                return true;
            }
        }).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rejected, Is.EqualTo(keys.Where(k => CanarySelector.Bucket(k) < threshold).ToList()));
            Assert.That(rejected, Is.Not.Empty.And.Count.LessThan(100));
            Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid, rejected[0]).Mode, Is.EqualTo(EnforcementMode.Strict));
        });
    }

    [Test]
    public void Malformed_json_is_invalid_with_an_input_error_that_quotes_nothing()
    {
        using var harness = SchemaManagerHarness.Create();
        var outcome = harness.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8("""{"coordinator_id":"SECRET-VALUE-7731" """));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Invalid));
            Assert.That(outcome.Errors.Single().Keyword, Is.EqualTo("input"));
            Assert.That(outcome.Errors.Single().Message, Does.Not.Contain(TestSchemas.SecretValue));
        });
    }

    [Test]
    public void Element_and_text_overloads_agree_with_the_bytes_overload()
    {
        using var harness = SchemaManagerHarness.Create();
        using var valid = JsonDocument.Parse(TestSchemas.ValidPayload);
        using var invalid = JsonDocument.Parse(TestSchemas.InvalidPayload);
        Assert.Multiple(() =>
        {
            Assert.That(harness.Manager.Validate(TestSchemas.Name, valid.RootElement).Status, Is.EqualTo(SchemaValidationStatus.Valid));
            Assert.That(harness.Manager.Validate(TestSchemas.Name, invalid.RootElement).Status, Is.EqualTo(SchemaValidationStatus.Invalid));
            Assert.That(harness.Manager.Validate(TestSchemas.Name, TestSchemas.ValidPayload).Status, Is.EqualTo(SchemaValidationStatus.Valid));
            Assert.That(harness.Manager.Validate(TestSchemas.Name, TestSchemas.InvalidPayload).Errors,
                Has.Count.EqualTo(harness.Manager.Validate(TestSchemas.Name, Invalid).Errors.Count));
        });
    }

    [Test]
    public async Task Async_overloads_validate_the_same_way()
    {
        using var harness = SchemaManagerHarness.Create();
        using var invalid = JsonDocument.Parse(TestSchemas.InvalidPayload);
        Assert.Multiple(async () =>
        {
            Assert.That((await harness.Manager.ValidateAsync(TestSchemas.Name, Valid.AsMemory())).Status, Is.EqualTo(SchemaValidationStatus.Valid));
            Assert.That((await harness.Manager.ValidateAsync(TestSchemas.Name, invalid.RootElement)).Status, Is.EqualTo(SchemaValidationStatus.Invalid));
            Assert.That((await harness.Manager.ValidateAsync(TestSchemas.Name, TestSchemas.InvalidPayload)).Status, Is.EqualTo(SchemaValidationStatus.Invalid));
        });
        harness.Reconfigure("REGISTRY_ENFORCEMENT", "strict");
        Assert.ThrowsAsync<SchemaValidationException>(async () => await harness.Manager.ValidateAsync(TestSchemas.Name, Invalid.AsMemory()));
        await Task.CompletedTask;
    }

    [Test]
    public void Never_seen_schema_with_registry_down_fails_open_by_default_and_is_counted()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "strict" });
        harness.Registry.Failure = FakeRegistryClient.Outage();
        var outcome = harness.Manager.Validate(TestSchemas.Name, Invalid);
        var stats = harness.Manager.GetStats();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.FailedOpen));
            Assert.That(outcome.IsValid, Is.True);
            Assert.That(outcome.IsFailOpen, Is.True);
            Assert.That(outcome.RequestedTrack, Is.EqualTo("v2"));
            Assert.That(outcome.NegotiatedTrack, Is.Null);
            Assert.That(stats.FailOpens, Is.EqualTo(1));
            Assert.That(stats.RegistryErrors, Is.EqualTo(1));
            Assert.That(harness.Logs.WithEventId(1005).Single().Message, Does.Contain("allowed"));
        });
    }

    [Test]
    public void Never_seen_schema_with_registry_down_is_rejected_under_OnUnavailable_reject()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?>
        {
            ["REGISTRY_ENFORCEMENT"] = "strict",
            ["SchemaEnforcement:OnUnavailable"] = "reject",
        });
        harness.Registry.Failure = FakeRegistryClient.Outage();
        var exception = Assert.Throws<SchemaValidationException>(() => harness.Manager.Validate(TestSchemas.Name, Valid));
        Assert.Multiple(() =>
        {
            Assert.That(exception!.Status, Is.EqualTo(SchemaValidationStatus.Unavailable));
            Assert.That(exception.Message, Does.Contain("unavailable"));
        });

        harness.Reconfigure("REGISTRY_ENFORCEMENT", "warn");
        var outcome = harness.Manager.Validate(TestSchemas.Name, Valid);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Unavailable));
            Assert.That(outcome.IsValid, Is.False);
        });
    }

    [Test]
    public void After_a_failed_first_fetch_later_calls_do_not_block_or_refetch_until_the_retry_interval()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Registry.Failure = FakeRegistryClient.Outage();
        harness.Manager.Validate(TestSchemas.Name, Valid);
        var afterFirst = harness.Registry.SchemaRequests;
        for (var i = 0; i < 50; i++) harness.Manager.Validate(TestSchemas.Name, Valid);
        Assert.That(harness.Registry.SchemaRequests, Is.EqualTo(afterFirst));

        harness.Registry.Failure = null;
        harness.Registry.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); // holds the retry
        harness.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).IsFailOpen, Is.True, "the retry runs in the background");
        harness.Registry.Gate.SetResult();
        Assert.That(() => harness.Manager.Validate(TestSchemas.Name, Valid).Status, Is.EqualTo(SchemaValidationStatus.Valid).After(30_000, 20));
    }

    [Test]
    public void Stats_report_counts_and_the_schema_in_use()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate(TestSchemas.Name, Valid);
        harness.Manager.Validate(TestSchemas.Name, Valid);
        harness.Manager.Validate(TestSchemas.Name, Invalid);
        var stats = harness.Manager.GetStats();
        Assert.Multiple(() =>
        {
            Assert.That(stats.Validations, Is.EqualTo(3));
            Assert.That(stats.Successes, Is.EqualTo(2));
            Assert.That(stats.Failures, Is.EqualTo(1));
            Assert.That(stats.Warnings, Is.EqualTo(1));
            Assert.That(stats.Rejections, Is.Zero);
            Assert.That(stats.CacheMisses, Is.EqualTo(1));
            Assert.That(stats.CacheHits, Is.EqualTo(2));
            Assert.That(stats.CacheSize, Is.EqualTo(1));
            Assert.That(stats.RegistryErrors, Is.Zero);
            Assert.That(stats.LastRefresh, Is.EqualTo(harness.Time.GetUtcNow()));
            Assert.That(stats.Schemas.Single(), Is.EqualTo(new CachedSchemaStats(TestSchemas.Name, "v2", "v1", "1.0.0",
                harness.Current(TestSchemas.Name)!.Sha256, harness.Time.GetUtcNow(), false, false, null)));
        });
    }

    [Test]
    public void Valid_payload_on_a_cached_schema_allocates_nothing()
    {
        using var harness = SchemaManagerHarness.Create();
        var manager = harness.Manager;
        var payload = Valid;
        for (var i = 0; i < 2_000; i++) manager.Validate(TestSchemas.Name, payload, "key-1");
        var validator = harness.Current(TestSchemas.Name)!.Validator;
        for (var i = 0; i < 2_000; i++) validator.Validate(payload, SchemaOutputFormat.Flag);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++) manager.Validate(TestSchemas.Name, payload, "key-1");
        var managerBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++) validator.Validate(payload, SchemaOutputFormat.Flag);
        var engineBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(managerBytes - engineBytes, Is.LessThanOrEqualTo(0), "bytes the manager adds on top of the engine over 1000 calls");
            Assert.That(managerBytes, Is.Zero, "bytes allocated by 1000 cached valid validations");
        });
    }
}
