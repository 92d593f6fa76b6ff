using System.Diagnostics.Metrics;
using CoreRegistryClient.Caching;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Telemetry;
using CoreRegistryClient.Testing;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CoreRegistryClient.Tests.Drills;

/// <summary>The SDK under load, outage and attack (issue 9), end to end over loopback HTTP against a registry with
/// faults: thread-pool callers on a cold schema, a hanging registry, a lying one, a redirecting one, name floods.
/// Each of these failed before the cold path was reshaped.</summary>
public class RegistryFaultDrillTests
{
    private static readonly byte[] Valid = TestSchemas.Utf8(TestSchemas.ValidPayload);
    private static readonly byte[] Invalid = TestSchemas.Utf8(TestSchemas.InvalidPayload);
    private LoopbackRegistryServer _server = null!;

    [SetUp]
    public async Task StartRegistry()
    {
        _server = await LoopbackRegistryServer.StartAsync();
        _server.Registry.Add("v2", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEvent);
    }

    [TearDown]
    public async Task StopRegistry() => await _server.DisposeAsync();

    [Test]
    public void A_hanging_registry_releases_waiting_callers_at_the_one_budget_and_logs_that_the_load_ran_out_of_time()
    {
        _server.Hang = true;
        using var harness = SchemaManagerHarness.CreateOverHttp(_server, new Dictionary<string, string?> { ["REGISTRY_TIMEOUT"] = "30" });
        var callers = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() => harness.Manager.Validate(TestSchemas.Name, Valid), TaskCreationOptions.LongRunning)).ToList();
        Assert.That(() => _server.RequestCount("/schemas"), Is.EqualTo(1).After(30_000, 20), "the load reached the hanging registry");
        Assert.That(callers.All(c => !c.IsCompleted), Is.True, "callers wait for the load within its budget");

        harness.Time.Advance(TimeSpan.FromSeconds(30)); // the budget, on the host's clock
        Assert.That(Task.WhenAll(callers).Wait(TimeSpan.FromSeconds(30)), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(callers.Select(c => c.Result.Status).Distinct(), Is.EqualTo(new[] { SchemaValidationStatus.FailedOpen }));
            Assert.That(harness.Logs.WithEventId(1022).Count(), Is.EqualTo(1), "one load, one 'ran out of time' record");
            Assert.That(harness.Logs.WithEventId(1022).Single().Message, Does.Contain(TestSchemas.Name).And.Contain("30"));
            Assert.That(harness.Manager.GetStats().Schemas.Single().LastError, Is.EqualTo("timeout"));
        });
    }

    [Test]
    public async Task Content_that_does_not_match_its_sha256_is_refused_and_the_last_good_schema_keeps_serving()
    {
        using var harness = SchemaManagerHarness.CreateOverHttp(_server);
        using var metrics = new MetricCollector<long>(harness.Get<SchemaMetrics>().Meter, "schema_registry_errors");
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).Version, Is.EqualTo("2.0.0"));

        _server.Registry.Add("v2", TestSchemas.Name, "3.0.0", TestSchemas.FeedbackEventRenamedRequired);
        _server.WrongSha = true;
        await harness.Poller.PollOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).Version, Is.EqualTo("2.0.0"), "the unverified copy was not installed");
            Assert.That(harness.Logs.WithEventId(1021).Single().Message, Does.Contain(TestSchemas.Name).And.Contain("3.0.0"));
            Assert.That(metrics.GetMeasurementSnapshot().Where(m => m.Tags["error_type"] as string == "invalid_response").Sum(m => m.Value), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_cold_load_from_a_lying_registry_installs_nothing()
    {
        _server.WrongSha = true;
        using var harness = SchemaManagerHarness.CreateOverHttp(_server, new Dictionary<string, string?> { ["SchemaEnforcement:OnUnavailable"] = "reject" });
        var outcome = await harness.Manager.ValidateAsync(TestSchemas.Name, Valid.AsMemory());
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Unavailable));
            Assert.That(harness.Manager.GetStats().Schemas.Single().LastError, Is.EqualTo("invalid_response"));
        });
    }

    [Test]
    public async Task A_redirect_to_another_origin_is_refused_with_a_typed_error_and_nothing_is_asked_of_that_origin()
    {
        await using var elsewhere = await LoopbackRegistryServer.StartAsync();
        elsewhere.Registry.Add("v2", TestSchemas.Name, "6.6.6", """{"type":"object"}""");
        _server.RedirectSchemasTo = elsewhere.BaseUri;
        using var harness = SchemaManagerHarness.CreateOverHttp(_server);

        var outcome = harness.Manager.Validate(TestSchemas.Name, Invalid);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.FailedOpen), "nothing installed from the other origin");
            Assert.That(elsewhere.RequestCount(), Is.Zero);
            Assert.That(harness.Manager.GetStats().Schemas.Single().LastError, Is.EqualTo("redirect_refused"));
            Assert.That(harness.Logs.WithEventId(2010).Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Cross_origin_redirects_are_followed_when_allowed_without_the_token()
    {
        await using var elsewhere = await LoopbackRegistryServer.StartAsync();
        elsewhere.Registry.Add("v2", TestSchemas.Name, "2.0.1", TestSchemas.FeedbackEvent);
        _server.RedirectSchemasTo = elsewhere.BaseUri;
        using var harness = SchemaManagerHarness.CreateOverHttp(_server, new Dictionary<string, string?>
        {
            ["SchemaEnforcement:AllowCrossOriginRedirects"] = "true",
            ["REGISTRY_TOKEN"] = "drill-token-42",
        });

        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).Version, Is.EqualTo("2.0.1"));
        Assert.That(elsewhere.Requests.Select(r => r.Authorization), Has.All.Null, "the token never leaves the registry's origin");
        await Task.CompletedTask;
    }

    [Test]
    public void A_same_origin_redirect_is_followed()
    {
        _server.RedirectSchemasTo = _server.BaseUri;
        using var harness = SchemaManagerHarness.CreateOverHttp(_server);
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).Status, Is.EqualTo(SchemaValidationStatus.Valid));
        Assert.That(_server.RequestCount("/schemas"), Is.EqualTo(2), "the redirect and the redirected request");
    }

    [Test]
    public void A_name_flood_costs_one_request_per_name_keeps_series_bounded_and_evicts_no_schema_in_use()
    {
        var registry = new FakeRegistryClient();
        registry.Put("v2", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEvent);
        registry.Put("v2", "late.Legit", "1.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["SchemaEnforcement:MaxCachedSchemas"] = "10" }, registry);
        using var series = new SeriesCounter(harness.Get<SchemaMetrics>().Meter);
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).IsValid, Is.True);
        var before = registry.SchemaRequests;

        for (var i = 0; i < 10_000; i++) harness.Manager.Validate($"junk.Name{i}", Valid);
        var flood = registry.SchemaRequests - before;
        for (var i = 0; i < 10_000; i++) harness.Manager.Validate($"junk.Name{i}", Valid); // again, within NotFoundTtl
        var again = registry.SchemaRequests - before - flood;
        var seriesAfterFlood = series.Count;
        TestContext.Out.WriteLine($"10,000-name flood: {flood} schema request(s), {registry.IndexRequests} index request(s), {seriesAfterFlood} series, {harness.Logs.Entries.Count} log records");

        Assert.That(harness.Manager.Validate("late.Legit", Valid).IsValid, Is.True, "a legitimate schema first seen after the flood");
        registry.Failure = FakeRegistryClient.Outage();
        var real = harness.Manager.Validate(TestSchemas.Name, Invalid);

        Assert.Multiple(() =>
        {
            Assert.That(flood, Is.EqualTo(10_000), "one request per unknown name, not one per track and spelling");
            Assert.That(again, Is.Zero, "a 404 is remembered for NotFoundTtl");
            Assert.That(registry.IndexRequests, Is.EqualTo(1), "the index, read once, says no other track or spelling exists");
            Assert.That(seriesAfterFlood, Is.LessThan(20), "unknown names share one overflow label");
            Assert.That(series.SchemaLabels, Does.Contain("late.Legit"), "the legitimate schema has its own series");
            Assert.That(series.SchemaLabels, Has.None.StartsWith("junk."));
            Assert.That(real.Status, Is.EqualTo(SchemaValidationStatus.Invalid), "the schema in use was not evicted for junk, so it still rejects");
            Assert.That(harness.Logs.Entries.Count, Is.LessThan(200), "flood control: not a record per message");
            Assert.That(harness.Cache.Entries.Count, Is.LessThanOrEqualTo(SchemaCache.MaxUnknownNames + 10));
        });
    }

    [Test]
    public void A_name_flood_over_http_makes_one_request_per_unknown_name()
    {
        using var harness = SchemaManagerHarness.CreateOverHttp(_server);
        for (var i = 0; i < 300; i++) harness.Manager.Validate($"junk.Name{i}", Valid);
        for (var i = 0; i < 300; i++) harness.Manager.Validate($"junk.Name{i}.schema", Valid);
        Assert.Multiple(() =>
        {
            Assert.That(_server.RequestCount("/schemas"), Is.EqualTo(300), "both spellings are one name; one request each");
            Assert.That(_server.RequestCount("/index"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Health_recovers_by_itself_after_an_outage_and_stays_healthy_for_a_mistyped_name()
    {
        using var harness = SchemaManagerHarness.CreateOverHttp(_server, new Dictionary<string, string?> { ["REGISTRY_POLL_SECONDS"] = "30" });
        harness.Manager.Validate(TestSchemas.Name, Valid);
        harness.Manager.Validate("telemetry.FeedbackEvnt", Valid); // a typo: 404 with the registry up
        Assert.That((await CheckHealthAsync(harness)).Status, Is.EqualTo(HealthStatus.Healthy), "a 404 is not an outage");

        _server.Down = true;
        harness.Time.Advance(TimeSpan.FromSeconds(301));
        harness.Manager.Validate(TestSchemas.Name, Valid);
        await harness.WaitForLoadAsync(TestSchemas.Name);
        var outage = await CheckHealthAsync(harness);
        Assert.That(outage.Status, Is.EqualTo(HealthStatus.Degraded));

        _server.Down = false;
        await harness.Poller.PollOnceAsync(CancellationToken.None); // the poll interval is shorter than the TTL
        var recovered = await CheckHealthAsync(harness);

        Assert.Multiple(() =>
        {
            Assert.That(recovered.Status, Is.EqualTo(HealthStatus.Healthy), recovered.Entries["schema-registry"].Description);
            Assert.That(recovered.Entries["schema-registry"].Description, Does.StartWith("Registry answering"));
            Assert.That(harness.Manager.GetStats().Schemas.Single(s => s.Name == TestSchemas.Name).LastError, Is.Null);
        });
    }

    [Test]
    public async Task Health_describes_a_flood_of_failing_names_in_a_few_words()
    {
        _server.Down = true;
        using var harness = SchemaManagerHarness.CreateOverHttp(_server);
        var names = Enumerable.Range(0, 50).Select(i => $"never.Seen{i}").ToList();
        await Task.WhenAll(names.Select(n => harness.Manager.ValidateAsync(n, Valid.AsMemory()).AsTask()));
        var report = await CheckHealthAsync(harness);
        var description = report.Entries["schema-registry"].Description!;
        Assert.Multiple(() =>
        {
            Assert.That(report.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(description, Does.Contain("and 45 more"));
            Assert.That(description.Length, Is.LessThan(600));
            Assert.That(description, Does.Contain("network"), "why the registry is unreachable");
        });
    }

    [Test]
    public async Task The_root_cause_of_an_outage_is_counted_not_only_circuit_open()
    {
        _server.Down = true;
        using var harness = SchemaManagerHarness.CreateOverHttp(_server, resilience: r =>
        {
            r.CircuitMinimumThroughput = 2;
            r.CircuitFailureRatio = 0.5;
            r.MaxRetryAttempts = 1;
        });
        var errors = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            await harness.Manager.ValidateAsync($"outage.Schema{i}", Valid.AsMemory());
            errors.AddRange(harness.Manager.GetStats().Schemas.Where(s => s.Name == $"outage.Schema{i}").Select(s => s.LastError!));
        }

        var report = await CheckHealthAsync(harness);
        Assert.Multiple(() =>
        {
            Assert.That(errors, Does.Contain("circuit_open"), "the breaker opened");
            Assert.That(errors, Does.Contain("network"), "the call that opened it reports why");
            Assert.That(report.Entries["schema-registry"].Description, Does.Contain("root cause network").Or.Contain(": network"));
        });
    }

    [Test]
    public async Task A_hanging_registry_holds_start_up_no_longer_than_the_preload_budget_and_seeds_the_snapshot()
    {
        var directory = Path.Combine(Path.GetTempPath(), "crc-preload-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var warm = SchemaManagerHarness.CreateOverHttp(_server, new Dictionary<string, string?> { ["SchemaEnforcement:CacheDirectory"] = directory }))
            {
                Assert.That(warm.Manager.Validate(TestSchemas.Name, Valid).IsValid, Is.True);
            }

            _server.Hang = true;
            using var harness = SchemaManagerHarness.CreateOverHttp(_server, new Dictionary<string, string?>
            {
                ["SchemaEnforcement:CacheDirectory"] = directory,
                ["SchemaEnforcement:CriticalSchemas:0"] = TestSchemas.Name,
                ["SchemaEnforcement:PreloadTimeout"] = "3",
            });
            var start = harness.Preloader.StartAsync(CancellationToken.None);
            Assert.That(() => _server.RequestCount("/schemas"), Is.GreaterThanOrEqualTo(2).After(30_000, 20));
            Assert.That(start.IsCompleted, Is.False, "start-up waits within its budget");
            harness.Time.Advance(TimeSpan.FromSeconds(3));
            await start.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Multiple(() =>
            {
                Assert.That(harness.Logs.WithEventId(1024).Count(), Is.EqualTo(1), "the budget ran out");
                Assert.That(harness.Logs.WithEventId(1016).Count(), Is.EqualTo(1), "seeded from the snapshot");
                Assert.That(harness.Manager.Validate(TestSchemas.Name, Invalid).Status, Is.EqualTo(SchemaValidationStatus.Invalid));
            });
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void A_catastrophic_pattern_served_by_the_registry_costs_a_verdict_not_a_hang()
    {
        _server.CatastrophicPattern = true;
        using var harness = SchemaManagerHarness.CreateOverHttp(_server);
        var outcome = harness.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8(LoopbackRegistryServer.CatastrophicPatternPayload));
        Assert.That(outcome.Status, Is.EqualTo(SchemaValidationStatus.Invalid));
    }

    private static Task<HealthReport> CheckHealthAsync(SchemaManagerHarness harness)
    {
        var services = new ServiceCollection().AddSingleton(harness.Cache).AddSingleton(harness.Get<EnforcementPolicy>()).AddLogging();
        services.AddHealthChecks().AddSchemaRegistry();
        return services.BuildServiceProvider().GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    /// <summary>Counts distinct series (instrument + tag set) of the SDK's meter, as an exporter would keep them.</summary>
    private sealed class SeriesCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly HashSet<string> _series = [];
        private readonly HashSet<string> _schemas = [];
        private readonly Lock _gate = new();

        public SeriesCounter(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
            _listener.Start();
        }

        public int Count
        {
            get
            {
                lock (_gate) return _series.Count;
            }
        }

        public IReadOnlyList<string> SchemaLabels
        {
            get
            {
                lock (_gate) return [.. _schemas];
            }
        }

        public void Dispose() => _listener.Dispose();

        private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = instrument.Name + "{" + string.Join(",", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")) + "}";
            lock (_gate)
            {
                _series.Add(key);
                foreach (var tag in tags)
                {
                    if (tag.Key == "schema" && tag.Value is string schema) _schemas.Add(schema);
                }
            }
        }
    }
}
