using CoreRegistryClient.Caching;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Telemetry;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoreRegistryClient.Tests.Caching;

public class IndexPollerTests
{
    private static readonly byte[] Valid = TestSchemas.Utf8(TestSchemas.ValidPayload);

    [Test]
    public async Task Unchanged_sha_fetches_nothing_and_keeps_the_schema_fresh()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate(TestSchemas.Name, Valid);
        var requests = harness.Registry.SchemaRequests;
        var indexRequests = harness.Registry.IndexRequests;
        harness.Time.Advance(TimeSpan.FromSeconds(250));

        Assert.That(await harness.Poller.PollOnceAsync(CancellationToken.None), Is.Zero);
        harness.Time.Advance(TimeSpan.FromSeconds(100));
        harness.Manager.Validate(TestSchemas.Name, Valid);
        await harness.WaitForLoadAsync(TestSchemas.Name);

        Assert.Multiple(() =>
        {
            Assert.That(harness.Registry.SchemaRequests, Is.EqualTo(requests), "the index confirmed the schema: no fetch at TTL either");
            Assert.That(harness.Registry.IndexRequests - indexRequests, Is.EqualTo(1), "one poll");
        });
    }

    /// <summary>Issue 12: a safety-net poll not shorter than TTL / 1.1 lets cached schemas expire between polls, so each
    /// is fetched again once per TTL (measured 17.3 schema GETs per replica per hour at 600 s against 3.4 at 240 s).</summary>
    [TestCase("600", "300", true)]
    [TestCase("273", "300", true)] // 273 s x 1.1 (the longest jittered wait) = 300.3 s: the TTL may run out first
    [TestCase("272", "300", false)]
    [TestCase("240", "300", false)]
    [TestCase("600", "900", false)]
    [TestCase("0", "300", false)] // no polling: nothing to confirm with
    public async Task Start_up_warns_once_naming_both_options_when_the_poll_interval_is_not_shorter_than_the_ttl_over_1_1(string poll, string ttl, bool warns)
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_POLL_SECONDS"] = poll, ["REGISTRY_CACHE_TTL"] = ttl });

        await harness.Poller.StartAsync(CancellationToken.None);
        await harness.Poller.StopAsync(CancellationToken.None);

        var warnings = harness.Logs.WithEventId(1036).ToList();
        Assert.That(warnings, Has.Count.EqualTo(warns ? 1 : 0));
        if (warns)
        {
            Assert.That(warnings[0].Message, Does.Contain($"REGISTRY_POLL_SECONDS) = {poll} s").And.Contain($"REGISTRY_CACHE_TTL) = {ttl} s").And.Contain("poll at most every 272 s"));
        }
    }

    [Test]
    public async Task Changed_sha_refetches_that_schema_and_swaps_the_validator()
    {
        var registry = new FakeRegistryClient();
        registry.Put("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        registry.Put("v1", "other.Event", "1.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.Create(registry: registry);
        harness.Manager.Validate(TestSchemas.Name, Valid);
        harness.Manager.Validate("other.Event", Valid);
        var before = registry.Requests.Count;

        registry.Put("v1", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventRenamedRequired);
        Assert.That(await harness.Poller.PollOnceAsync(CancellationToken.None), Is.EqualTo(1));

        var outcome = harness.Manager.Validate(TestSchemas.Name, Valid);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Version, Is.EqualTo("2.0.0"));
            Assert.That(outcome.IsValid, Is.False, "the renamed required field now fails old payloads");
            Assert.That(registry.Requests.Skip(before), Is.EqualTo(new[] { "GET /index", $"GET /schemas/v1/{TestSchemas.Name}" }),
                "only the changed schema is fetched, straight from the track the index named");
            Assert.That(harness.Logs.WithEventId(1011).Count(), Is.EqualTo(1));
            Assert.That(harness.Logs.WithEventId(1003).Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Schema_appearing_on_the_preferred_track_is_picked_up()
    {
        using var harness = SchemaManagerHarness.Create();
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).NegotiatedTrack, Is.EqualTo("v1"));
        harness.Registry.Put("v2", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventWithOptionalRegion);
        Assert.That(await harness.Poller.PollOnceAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).NegotiatedTrack, Is.EqualTo("v2"));
    }

    [Test]
    public async Task Index_failure_is_counted_and_changes_nothing()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate(TestSchemas.Name, Valid);
        harness.Registry.Failure = FakeRegistryClient.Outage();
        Assert.That(await harness.Poller.PollOnceAsync(CancellationToken.None), Is.EqualTo(-1));
        Assert.Multiple(() =>
        {
            Assert.That(harness.Manager.GetStats().RegistryErrors, Is.EqualTo(1));
            Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).IsValid, Is.True);
            Assert.That(harness.Logs.WithEventId(1010).Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Index_names_with_a_schema_suffix_match()
    {
        var registry = new FakeRegistryClient();
        registry.Put("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.Create(registry: registry);
        harness.Manager.Validate(TestSchemas.Name, Valid);
        registry.Remove("v1", TestSchemas.Name);
        registry.Put("v1", TestSchemas.Name + ".schema", "1.0.0", TestSchemas.FeedbackEvent);
        var requests = registry.SchemaRequests;
        Assert.That(await harness.Poller.PollOnceAsync(CancellationToken.None), Is.Zero);
        Assert.That(registry.SchemaRequests, Is.EqualTo(requests));
    }

    [Test]
    public void Poll_delays_are_jittered_within_ten_percent_of_the_interval()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_POLL_SECONDS"] = "60" });
        var delays = Enumerable.Range(0, 1000).Select(_ => harness.Poller.NextDelay().TotalSeconds).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(delays, Has.All.InRange(54.0, 66.0));
            Assert.That(delays.Min(), Is.LessThan(55.0), "the whole band is used, low end");
            Assert.That(delays.Max(), Is.GreaterThan(65.0), "the whole band is used, high end");
            Assert.That(delays.Distinct().Count(), Is.GreaterThan(900), "drawn afresh for every wait");
        });
    }

    [Test]
    public void Replicas_started_together_draw_different_delays_and_a_seeded_random_repeats_its_own()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_POLL_SECONDS"] = "60" });
        IndexPoller Replica(int seed) => new(harness.Cache, harness.RegistryClient, harness.Get<EnforcementPolicy>(), harness.Get<SchemaTelemetry>(),
            harness.Time, NullLogger<IndexPoller>.Instance, new Random(seed));

        var fleet = Enumerable.Range(1, 8).Select(seed => Replica(seed).NextDelay()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(fleet.Distinct().Count(), Is.EqualTo(8), "eight replicas, eight different first waits");
            Assert.That(Replica(3).NextDelay(), Is.EqualTo(fleet[2]), "deterministic under an injected Random");
        });
    }

    [Test]
    public void With_polling_off_the_poller_only_looks_again_every_minute_without_jitter()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_POLL_SECONDS"] = "0" });
        Assert.That(harness.Poller.NextDelay(), Is.EqualTo(TimeSpan.FromSeconds(60)));
    }
}
