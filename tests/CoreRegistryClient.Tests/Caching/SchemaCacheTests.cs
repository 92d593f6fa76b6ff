using CoreRegistryClient.Caching;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Tests.TestSupport;

namespace CoreRegistryClient.Tests.Caching;

public class SchemaCacheTests
{
    private static readonly byte[] Valid = TestSchemas.Utf8(TestSchemas.ValidPayload);
    private static readonly byte[] OldShape = Valid;
    private static readonly byte[] NewShape = TestSchemas.Utf8("""{"coordinator":"store_01","queue_size":500,"level":"soft"}""");

    [Test]
    public async Task Concurrent_first_requests_share_one_registry_request()
    {
        var registry = new FakeRegistryClient { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        registry.Put("v2", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.Create(registry: registry);

        var validations = Enumerable.Range(0, 1000)
            .Select(i => Task.Run(async () => await harness.Manager.ValidateAsync(TestSchemas.Name, Valid.AsMemory(), $"k{i}")))
            .ToList();
        await registry.FirstSchemaRequest.Task.WaitAsync(TimeSpan.FromSeconds(30));
        registry.Gate.SetResult();
        var outcomes = await Task.WhenAll(validations).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(registry.SchemaRequests, Is.EqualTo(1));
            Assert.That(outcomes.Select(o => o.Status).Distinct(), Is.EqualTo(new[] { SchemaValidationStatus.Valid }));
        });
    }

    [Test]
    public void Expired_schema_keeps_serving_while_one_background_refresh_swaps_in_the_new_version()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate(TestSchemas.Name, OldShape);
        var first = harness.Current(TestSchemas.Name);
        harness.Registry.Put("v1", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventRenamedRequired);
        harness.Registry.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requestsBefore = harness.Registry.SchemaRequests;

        harness.Time.Advance(TimeSpan.FromSeconds(301));
        var duringRefresh = Enumerable.Range(0, 20).Select(_ => harness.Manager.Validate(TestSchemas.Name, OldShape)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(duringRefresh.Select(o => o.Version).Distinct(), Is.EqualTo(new[] { "1.0.0" }), "stale validator serves meanwhile");
            Assert.That(duringRefresh.All(o => o.IsValid), Is.True);
        });
        harness.Registry.Gate.SetResult();
        Assert.That(() => harness.Current(TestSchemas.Name)?.Version, Is.EqualTo("2.0.0").After(30_000, 20));
        Assert.Multiple(() =>
        {
            Assert.That(harness.Registry.SchemaRequests - requestsBefore, Is.EqualTo(2), "one refresh (v2 miss, v1 hit), not one per call");
            Assert.That(harness.Current(TestSchemas.Name), Is.Not.SameAs(first));
            Assert.That(harness.Manager.Validate(TestSchemas.Name, NewShape).IsValid, Is.True);
            Assert.That(harness.Manager.Validate(TestSchemas.Name, OldShape).IsValid, Is.False);
            Assert.That(harness.Logs.WithEventId(1003).Single().Message, Does.Contain("1.0.0").And.Contain("2.0.0"));
        });
    }

    [Test]
    public async Task Fresh_schema_is_not_refetched_before_its_ttl()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate(TestSchemas.Name, Valid);
        var requests = harness.Registry.SchemaRequests;
        harness.Time.Advance(TimeSpan.FromSeconds(299));
        for (var i = 0; i < 100; i++) harness.Manager.Validate(TestSchemas.Name, Valid);
        await harness.WaitForLoadAsync(TestSchemas.Name);
        Assert.That(harness.Registry.SchemaRequests, Is.EqualTo(requests));
    }

    [Test]
    public async Task Unchanged_schema_after_ttl_is_confirmed_without_recompiling()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate(TestSchemas.Name, Valid);
        var first = harness.Current(TestSchemas.Name);
        harness.Time.Advance(TimeSpan.FromSeconds(301));
        harness.Manager.Validate(TestSchemas.Name, Valid);
        await harness.WaitForLoadAsync(TestSchemas.Name);
        Assert.Multiple(() =>
        {
            Assert.That(harness.Current(TestSchemas.Name), Is.SameAs(first));
            Assert.That(harness.Cache.TryGetEntry(TestSchemas.Name, out var entry) && !entry.IsExpired(harness.Get<CacheClock>().NowMilliseconds), Is.True);
        });
    }

    [Test]
    public async Task Registry_outage_keeps_the_last_good_validator_and_retries_only_after_the_retry_interval()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "strict" });
        harness.Manager.Validate(TestSchemas.Name, Valid);
        harness.Registry.Failure = FakeRegistryClient.Outage();
        harness.Time.Advance(TimeSpan.FromSeconds(301));

        harness.Manager.Validate(TestSchemas.Name, Valid);
        await harness.WaitForLoadAsync(TestSchemas.Name);
        var requestsAfterFailure = harness.Registry.SchemaRequests;
        for (var i = 0; i < 100; i++)
        {
            Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).Status, Is.EqualTo(SchemaValidationStatus.Valid));
        }

        Assert.Throws<SchemaValidationException>(() => harness.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8(TestSchemas.InvalidPayload)),
            "still enforcing from the cached validator");
        Assert.Multiple(() =>
        {
            Assert.That(harness.Registry.SchemaRequests, Is.EqualTo(requestsAfterFailure), "no retry before the retry interval");
            Assert.That(harness.Manager.GetStats().RegistryErrors, Is.EqualTo(1));
            Assert.That(harness.Manager.GetStats().Schemas.Single().LastError, Is.EqualTo("network"));
        });

        harness.Time.Advance(TimeSpan.FromSeconds(11));
        harness.Manager.Validate(TestSchemas.Name, Valid);
        await harness.WaitForLoadAsync(TestSchemas.Name);
        Assert.That(harness.Manager.GetStats().RegistryErrors, Is.EqualTo(2));
    }

    [Test]
    public void Cache_is_bounded_and_evicts_the_least_recently_used_schema_only()
    {
        var registry = new FakeRegistryClient();
        foreach (var name in new[] { "a", "b", "c" }) registry.Put("v1", name, "1.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["SchemaEnforcement:MaxCachedSchemas"] = "2" }, registry);

        harness.Manager.Validate("a", Valid);
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        harness.Manager.Validate("b", Valid);
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        harness.Manager.Validate("a", Valid);
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        harness.Manager.Validate("c", Valid);

        Assert.Multiple(() =>
        {
            Assert.That(harness.Cache.Count, Is.EqualTo(2));
            Assert.That(harness.Cache.TryGetEntry("a", out _), Is.True, "recently used");
            Assert.That(harness.Cache.TryGetEntry("b", out _), Is.False, "least recently used");
            Assert.That(harness.Cache.TryGetEntry("c", out _), Is.True, "just added");
            Assert.That(harness.Logs.WithEventId(1013).Single().Message, Does.Contain("'b'").Or.Contain(" b "));
        });
    }

    [Test]
    public async Task Changing_the_preferred_track_refreshes_entries_under_the_new_policy_while_serving()
    {
        var registry = new FakeRegistryClient();
        registry.Put("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        registry.Put("v2", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventRenamedRequired);
        using var harness = SchemaManagerHarness.Create(registry: registry);
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).NegotiatedTrack, Is.EqualTo("v2"));

        harness.Reconfigure("SCHEMA_PREFER_TRACK", "v1");
        var served = harness.Manager.Validate(TestSchemas.Name, Valid);
        await harness.WaitForLoadAsync(TestSchemas.Name);
        var after = harness.Manager.Validate(TestSchemas.Name, Valid);
        Assert.Multiple(() =>
        {
            Assert.That(served.NegotiatedTrack, Is.EqualTo("v2"), "the old validator serves until the refresh lands");
            Assert.That(after.NegotiatedTrack, Is.EqualTo("v1"));
            Assert.That(after.RequestedTrack, Is.EqualTo("v1"));
            Assert.That(after.IsValid, Is.True);
        });
    }

    [Test]
    public async Task Schema_that_does_not_compile_keeps_the_last_good_validator()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate(TestSchemas.Name, Valid);
        harness.Registry.Put("v1", TestSchemas.Name, "9.9.9", """{"type": 12}""");
        harness.Time.Advance(TimeSpan.FromSeconds(301));
        harness.Manager.Validate(TestSchemas.Name, Valid);
        await harness.WaitForLoadAsync(TestSchemas.Name);
        Assert.Multiple(() =>
        {
            Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).Version, Is.EqualTo("1.0.0"));
            Assert.That(harness.Manager.GetStats().Schemas.Single().LastError, Is.EqualTo("invalid_schema"));
            Assert.That(harness.Logs.WithEventId(1014).Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Preload_loads_schemas_before_first_use()
    {
        using var harness = SchemaManagerHarness.Create();
        Assert.That(await harness.Manager.PreloadAsync([TestSchemas.Name, TestSchemas.Name]), Is.True);
        var requests = harness.Registry.SchemaRequests;
        harness.Manager.Validate(TestSchemas.Name, Valid);
        Assert.Multiple(() =>
        {
            Assert.That(harness.Registry.SchemaRequests, Is.EqualTo(requests));
            Assert.That(harness.Manager.GetStats().CacheMisses, Is.Zero);
        });
    }

    [Test]
    public async Task Preload_reports_false_without_throwing_when_the_registry_is_down()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Registry.Failure = FakeRegistryClient.Outage();
        Assert.That(await harness.Manager.PreloadAsync([TestSchemas.Name]), Is.False);
    }
}
