using System.Text.Json;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Tests.Registry;

/// <summary>Every endpoint, round-tripped over real loopback HTTP, at the root and below a path prefix.</summary>
[TestFixture("")]
[TestFixture("/api/v1")]
public sealed class SchemaRegistryClientTests(string pathPrefix)
{
    private RegistryClientHarness _harness = null!;

    [SetUp]
    public async Task StartAsync() =>
        _harness = await RegistryClientHarness.StartAsync(
            server: s =>
            {
                s.PathPrefix = pathPrefix;
                s.Token = "admin-token";
            },
            options: o => o.Token = "admin-token");

    [TearDown]
    public async Task StopAsync() => await _harness.DisposeAsync();

    [Test]
    public async Task Health_reports_the_registry_status_and_version()
    {
        var health = await _harness.Client.GetHealthAsync();

        Assert.That(health.Status, Is.EqualTo("healthy"));
        Assert.That(health.Version, Is.EqualTo("0.1.0"));
        Assert.That(health.Timestamp, Is.Not.Empty);
        Assert.That(_harness.Server.RequestCount("/health"), Is.EqualTo(1));
    }

    [Test]
    public async Task Index_lists_each_track_with_latest_version_and_sha256()
    {
        _harness.WithFeedbackSchema("v1", "1.0.0")
            .WithFeedbackSchema("v1", "1.1.2", """{"type":"object"}""");
        _harness.Registry.Add("v2", "market.Quote", "2.0.0", """{"type":"object"}""", deprecated: true);

        var index = await _harness.Client.GetIndexAsync();

        Assert.That(index.Tracks.Keys, Is.EquivalentTo(new[] { "v1", "v2" }));
        var feedback = index.Tracks["v1"].Schemas.Single();
        Assert.That(feedback.Name, Is.EqualTo("telemetry.FeedbackEvent"));
        Assert.That(feedback.LatestCoreVersion, Is.EqualTo("1.1.2"));
        Assert.That(feedback.Sha256, Is.EqualTo(InMemorySchemaRegistry.ComputeSha256("""{"type":"object"}""")));
        Assert.That(feedback.SchemaId, Is.EqualTo("telemetry.FeedbackEvent"));
        Assert.That(index.Tracks["v1"].Count, Is.EqualTo(1));
        Assert.That(index.Tracks["v2"].Schemas.Single().Deprecated, Is.True);
        Assert.That(index.GeneratedAt, Is.Not.Null);
    }

    [Test]
    public async Task Schema_fetch_returns_the_latest_content_with_its_metadata()
    {
        _harness.WithFeedbackSchema("v1", "1.0.0", """{"type":"object"}""").WithFeedbackSchema("v1", "1.2.0");

        var schema = await _harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent");

        Assert.That(schema.Name, Is.EqualTo("telemetry.FeedbackEvent"));
        Assert.That(schema.Track, Is.EqualTo("v1"));
        Assert.That(schema.CoreVersion, Is.EqualTo("1.2.0"));
        Assert.That(schema.Sha256, Is.EqualTo(InMemorySchemaRegistry.ComputeSha256(RegistryClientHarness.FeedbackSchema)));
        Assert.That(schema.Content.GetProperty("required")[0].GetString(), Is.EqualTo("score"));
        Assert.That(schema.Deprecated, Is.False);
        Assert.That(schema.DeprecationNote, Is.Null);
    }

    [Test]
    public async Task Schema_fetch_with_a_version_returns_that_version()
    {
        _harness.WithFeedbackSchema("v1", "1.0.0", """{"type":"object"}""").WithFeedbackSchema("v1", "1.2.0");

        var schema = await _harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent", "1.0.0");

        Assert.That(schema.CoreVersion, Is.EqualTo("1.0.0"));
        Assert.That(schema.Content.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "type" }));
        Assert.That(_harness.Server.Requests[^1].QueryString, Is.EqualTo("?version=1.0.0"));
    }

    [Test]
    public async Task Version_labels_and_names_are_escaped_in_the_url()
    {
        _harness.Registry.Add("v1", "odd name/with?chars", "1.0.0+build.7", """{"type":"string"}""");

        var schema = await _harness.Client.GetSchemaAsync("v1", "odd name/with?chars", "1.0.0+build.7");

        Assert.That(schema.Name, Is.EqualTo("odd name/with?chars"));
        Assert.That(schema.CoreVersion, Is.EqualTo("1.0.0+build.7"));
        Assert.That(_harness.Server.RequestCount("/schemas/v1/odd name/with?chars"), Is.EqualTo(1));
    }

    [Test]
    public async Task Schema_fetch_by_id_finds_the_schema()
    {
        _harness.Registry.Add("v1", "telemetry.FeedbackEvent", "1.0.0", RegistryClientHarness.FeedbackSchema, schemaId: "feedback-001");

        var schema = await _harness.Client.GetSchemaByIdAsync("feedback-001");

        Assert.That(schema.Name, Is.EqualTo("telemetry.FeedbackEvent"));
        Assert.That(schema.SchemaId, Is.EqualTo("feedback-001"));
        Assert.That(_harness.Server.RequestCount("/schemas/by-id/feedback-001"), Is.EqualTo(1));
    }

    [Test]
    public async Task Versions_are_listed_oldest_first_with_their_hashes()
    {
        _harness.WithFeedbackSchema("v1", "1.10.0").WithFeedbackSchema("v1", "1.9.0", """{"type":"object"}""");
        _harness.Registry.Deprecate("v1", "telemetry.FeedbackEvent", "superseded");

        var versions = await _harness.Client.GetVersionsAsync("v1", "telemetry.FeedbackEvent");

        Assert.That(versions.Select(v => v.CoreVersion), Is.EqualTo(new[] { "1.9.0", "1.10.0" }));
        Assert.That(versions[0].Sha256, Is.EqualTo(InMemorySchemaRegistry.ComputeSha256("""{"type":"object"}""")));
        Assert.That(versions.Select(v => v.Deprecated), Is.EqualTo(new[] { false, true }));
        Assert.That(versions[0].CreatedAt, Is.Not.Null);
    }

    [Test]
    public async Task Compatibility_check_sends_every_query_parameter_and_reads_the_verdict()
    {
        var query = new CompatibilityQuery("telemetry.FeedbackEvent", "v1", "1.0.0", "v2", "2.0.0");
        _harness.Registry.SetCompatibility(query, new CompatibilityResult(false, ["field 'score' removed"], ["add it back"], null));

        var result = await _harness.Client.CheckCompatibilityAsync(query);
        var other = await _harness.Client.CheckCompatibilityAsync(query with { ToVersion = "1.1.0" });

        Assert.That(result.Compatible, Is.False);
        Assert.That(result.BreakingReasons, Is.EqualTo(new[] { "field 'score' removed" }));
        Assert.That(result.Advice, Is.EqualTo(new[] { "add it back" }));
        Assert.That(other.Compatible, Is.True);
        Assert.That(
            _harness.Server.Requests.First(r => r.Path == "/compat/check").QueryString,
            Is.EqualTo("?name=telemetry.FeedbackEvent&from_track=v1&from_version=1.0.0&to_track=v2&to_version=2.0.0"));
    }

    [Test]
    public async Task Publishing_a_schema_adds_it_to_the_registry()
    {
        using var content = JsonDocument.Parse("""{"type":"object","required":["id"]}""");

        await _harness.Client.PublishSchemaAsync(new PublishSchemaRequest(
            "market.Quote", "v2", "2.1.0", content.RootElement, SchemaIdStr: "quote-2", DeprecationNote: null));
        var published = await _harness.Client.GetSchemaAsync("v2", "market.Quote");

        Assert.That(published.CoreVersion, Is.EqualTo("2.1.0"));
        Assert.That(published.SchemaId, Is.EqualTo("quote-2"));
        Assert.That(published.Content.GetProperty("required")[0].GetString(), Is.EqualTo("id"));
        Assert.That(_harness.Registry.PublishedSchemas.Single().Name, Is.EqualTo("market.Quote"));
    }

    [Test]
    public async Task Sync_and_telemetry_posts_reach_the_registry()
    {
        using var payload = JsonDocument.Parse("""{"schema":"telemetry.FeedbackEvent","drift":"added_field"}""");

        await _harness.Client.SyncAsync(new SyncRequest("github_release", "v1.4.0", "schemas/"));
        await _harness.Client.PostTelemetryAsync(new TelemetryEvent("telemetry.schema_drift", payload.RootElement));

        Assert.That(_harness.Registry.SyncRequests.Single(), Is.EqualTo(new SyncRequest("github_release", "v1.4.0", "schemas/")));
        var recorded = _harness.Registry.TelemetryEvents.Single();
        Assert.That(recorded.EventType, Is.EqualTo("telemetry.schema_drift"));
        Assert.That(recorded.Payload.GetProperty("drift").GetString(), Is.EqualTo("added_field"));
        Assert.That(_harness.Server.Requests.Where(r => r.Method == "POST").Select(r => r.Path), Is.EqualTo(new[] { "/admin/sync", "/admin/telemetry" }));
    }

    [Test]
    public async Task A_name_without_the_schema_suffix_falls_back_to_the_suffixed_name_once()
    {
        _harness.Registry.Add("v1", "telemetry.FeedbackEvent.schema", "1.0.0", RegistryClientHarness.FeedbackSchema);

        var schema = await _harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent");
        var versions = await _harness.Client.GetVersionsAsync("v1", "telemetry.FeedbackEvent");

        Assert.That(schema.Name, Is.EqualTo("telemetry.FeedbackEvent.schema"));
        Assert.That(versions, Has.Count.EqualTo(1));
        Assert.That(
            _harness.Server.Requests.Select(r => r.Path),
            Is.EqualTo(new[]
            {
                "/schemas/v1/telemetry.FeedbackEvent",
                "/schemas/v1/telemetry.FeedbackEvent.schema",
                "/schemas/v1/telemetry.FeedbackEvent/versions",
                "/schemas/v1/telemetry.FeedbackEvent.schema/versions",
            }));
        Assert.That(_harness.Observer.Calls.Select(c => (c.Operation, c.StatusCode, c.Error)), Is.EqualTo(new[]
        {
            (RegistryOperation.GetSchema, (int?)200, (RegistryErrorKind?)null),
            (RegistryOperation.GetVersions, (int?)200, (RegistryErrorKind?)null),
        }));
    }

    [Test]
    public async Task A_name_with_the_schema_suffix_falls_back_to_the_bare_name_once()
    {
        _harness.WithFeedbackSchema();

        var schema = await _harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent.schema");

        Assert.That(schema.Name, Is.EqualTo("telemetry.FeedbackEvent"));
        Assert.That(_harness.Server.RequestCount("/schemas/v1/telemetry.FeedbackEvent"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_schema_id_falls_back_to_the_other_suffix_spelling()
    {
        _harness.Registry.Add("v1", "telemetry.FeedbackEvent", "1.0.0", RegistryClientHarness.FeedbackSchema, schemaId: "telemetry.FeedbackEvent.schema");

        var schema = await _harness.Client.GetSchemaByIdAsync("telemetry.FeedbackEvent");

        Assert.That(schema.SchemaId, Is.EqualTo("telemetry.FeedbackEvent.schema"));
    }
}
