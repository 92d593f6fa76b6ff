using CoreRegistryClient.Drift;
using CoreRegistryClient.Registry;
using Moq;

namespace CoreRegistryClient.Tests.Drift;

public class DriftReporterTests
{
    private const string Feedback = """{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"level":{"enum":["ok","soft","hard"]}}}""";
    private const string FeedbackReordered = """{ "properties": { "level": { "enum": ["ok","soft","hard"] }, "id": { "type": "string" } }, "required": ["id"], "type": "object" }""";
    private const string FeedbackEnumNarrowed = """{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"level":{"enum":["ok","soft"]}}}""";
    private const string FeedbackOptionalAdded = """{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"level":{"enum":["ok","soft","hard"]},"venue":{"type":"string"}}}""";
    private const string Bar = """{"type":"object","properties":{"open":{"type":"number"}}}""";

    private SchemaDirectory _dir = null!;
    private FakeSchemaRegistry _registry = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new SchemaDirectory();
        _registry = new FakeSchemaRegistry();
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private Task<DriftReport> RunAsync(DriftReporterOptions? options = null, DriftReporter? reporter = null) =>
        (reporter ?? new DriftReporter(_registry)).CompareAsync(_dir.Path, options ?? new DriftReporterOptions { Track = "v1" });

    private static SchemaDriftResult Entry(DriftReport report, string schema) => report.Schemas.Single(s => s.Schema == schema);

    [TestCase(CanonicalForm.Jcs)]
    [TestCase(CanonicalForm.Python)]
    public async Task Same_content_in_another_key_order_is_synced(CanonicalForm form)
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback);
        _dir.Write("telemetry.FeedbackEvent", FeedbackReordered);

        var report = await RunAsync(new DriftReporterOptions { Track = "v1", CanonicalForm = form });

        var entry = Entry(report, "telemetry.FeedbackEvent");
        Assert.That(entry.Status, Is.EqualTo(DriftStatus.Synced));
        Assert.That(entry.LocalSha, Is.EqualTo(entry.RegistrySha));
        Assert.That(entry.LocalSha, Is.EqualTo(SchemaHasher.ComputeSha256(System.Text.Encoding.UTF8.GetBytes(Feedback), form)));
        Assert.That(report.CanonicalForm, Is.EqualTo(CanonicalJson.GetName(form)));
        Assert.That((report.TotalSchemas, report.Synced, report.Drifted), Is.EqualTo((1, 1, 0)));
        Assert.That(report.RegistryAvailable, Is.True);
    }

    [Test]
    public void Index_sha_in_the_same_canonical_form_spares_the_content_fetch()
    {
        _registry.IndexHashForm = CanonicalForm.Jcs;
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback);
        _dir.Write("telemetry.FeedbackEvent", FeedbackReordered);

        var report = RunAsync().GetAwaiter().GetResult();

        Assert.That(Entry(report, "telemetry.FeedbackEvent").Status, Is.EqualTo(DriftStatus.Synced));
        Assert.That(_registry.Fetches, Is.Empty);
    }

    [Test]
    public async Task Index_sha_in_another_form_is_checked_against_the_fetched_content()
    {
        _registry.IndexHashForm = CanonicalForm.Python;
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback);
        _dir.Write("telemetry.FeedbackEvent", FeedbackReordered);

        var report = await RunAsync();

        Assert.That(Entry(report, "telemetry.FeedbackEvent").Status, Is.EqualTo(DriftStatus.Synced));
        Assert.That(_registry.Fetches, Is.EqualTo(new[] { "telemetry.FeedbackEvent" }));
    }

    [Test]
    public async Task Different_content_is_drift_classified_by_the_structural_diff()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", FeedbackEnumNarrowed);
        _dir.Write("telemetry.FeedbackEvent", Feedback);

        var report = await RunAsync();

        var entry = Entry(report, "telemetry.FeedbackEvent");
        Assert.That(entry.Status, Is.EqualTo(DriftStatus.Drift));
        Assert.That(entry.Classification, Is.EqualTo(ChangeClassification.Breaking));
        Assert.That(entry.DecidedBy, Is.EqualTo(ClassificationSource.StructuralDiff));
        Assert.That(entry.Changes.Single().Location, Is.EqualTo("/properties/level/enum"));
        Assert.That(entry.LocalSha, Is.Not.EqualTo(entry.RegistrySha));
        Assert.That(entry.RegistryVersion, Is.EqualTo("1.2.0"));
        Assert.That((report.Drifted, report.Breaking, report.Synced), Is.EqualTo((1, 1, 0)));
    }

    [Test]
    public async Task Optional_field_added_in_the_registry_is_benign_drift()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", FeedbackOptionalAdded);
        _dir.Write("telemetry.FeedbackEvent", Feedback);

        var entry = Entry(await RunAsync(), "telemetry.FeedbackEvent");

        Assert.That(entry.Status, Is.EqualTo(DriftStatus.Drift));
        Assert.That(entry.Classification, Is.EqualTo(ChangeClassification.Benign));
        Assert.That(entry.Changes.Single().Kind, Is.EqualTo(SchemaChangeKinds.OptionalPropertyAdded));
    }

    [Test]
    public async Task Same_content_with_another_version_label_is_version_mismatch()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.3", Feedback);
        _dir.Write("telemetry.FeedbackEvent", Feedback).WriteMetadata("v1", new Dictionary<string, string> { ["telemetry.FeedbackEvent"] = "1.1.2" });

        var report = await RunAsync(new DriftReporterOptions());

        var entry = Entry(report, "telemetry.FeedbackEvent");
        Assert.That(entry.Status, Is.EqualTo(DriftStatus.VersionMismatch));
        Assert.That((entry.LocalVersion, entry.RegistryVersion), Is.EqualTo(("1.1.2", "1.1.3")));
        Assert.That(report.Track, Is.EqualTo("v1"), "track taken from _metadata.json");
        Assert.That(report.Drifted, Is.EqualTo(1));
    }

    [Test]
    public async Task Same_content_and_version_is_synced()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback);
        _dir.Write("telemetry.FeedbackEvent", Feedback).WriteMetadata("v1", new Dictionary<string, string> { ["telemetry.FeedbackEvent"] = "1.1.2" });

        Assert.That(Entry(await RunAsync(), "telemetry.FeedbackEvent").Status, Is.EqualTo(DriftStatus.Synced));
    }

    [Test]
    public async Task Local_copy_unknown_to_the_registry_is_missing_in_registry()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback);
        _dir.Write("telemetry.FeedbackEvent", Feedback).Write("md.Retired", Bar);

        var report = await RunAsync();

        var entry = Entry(report, "md.Retired");
        Assert.That(entry.Status, Is.EqualTo(DriftStatus.MissingInRegistry));
        Assert.That(entry.RegistrySha, Is.Null);
        Assert.That(entry.LocalSha, Is.Not.Null);
        Assert.That(report.Drifted, Is.EqualTo(1));
    }

    [Test]
    public async Task Registry_schema_without_local_copy_is_missing_locally_and_not_drift_by_default()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback).Add("v1", "md.BarBatch", "2.0.0", Bar);
        _dir.Write("telemetry.FeedbackEvent", Feedback);

        var report = await RunAsync();

        var entry = Entry(report, "md.BarBatch");
        Assert.That(entry.Status, Is.EqualTo(DriftStatus.MissingLocally));
        Assert.That(entry.RegistryVersion, Is.EqualTo("2.0.0"));
        Assert.That((report.TotalSchemas, report.Synced, report.Drifted, report.MissingLocally), Is.EqualTo((2, 1, 0, 1)));
    }

    [Test]
    public async Task Missing_locally_counts_as_drift_when_asked()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback).Add("v1", "md.BarBatch", "2.0.0", Bar);
        _dir.Write("telemetry.FeedbackEvent", Feedback);

        var report = await RunAsync(new DriftReporterOptions { Track = "v1", MissingLocallyCountsAsDrift = true });

        Assert.That(report.Drifted, Is.EqualTo(1));
        Assert.That(report.MissingLocallyCountsAsDrift, Is.True);
    }

    [Test]
    public async Task Unreachable_registry_is_not_drift_every_status_is_unknown()
    {
        _registry.IndexFailure = new RegistryUnavailableException("connection refused", RegistryErrorKind.Network);
        _dir.Write("telemetry.FeedbackEvent", Feedback).Write("md.BarBatch", Bar);

        var report = await RunAsync();

        Assert.That(report.RegistryAvailable, Is.False);
        Assert.That(report.RegistryError, Does.Contain("connection refused"));
        Assert.That(report.Schemas.Select(s => s.Status), Is.All.EqualTo(DriftStatus.Unknown));
        Assert.That(report.Schemas.Select(s => s.LocalSha), Is.All.Not.Null);
        Assert.That((report.Drifted, report.Synced, report.Unknown), Is.EqualTo((0, 0, 2)));
    }

    [Test]
    public async Task A_schema_the_registry_fails_to_serve_is_unknown_and_the_others_are_compared()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback).Add("v1", "md.BarBatch", "2.0.0", Bar);
        _registry.FetchFailures["md.BarBatch"] = new RegistryUnavailableException("timed out", RegistryErrorKind.Timeout);
        _dir.Write("telemetry.FeedbackEvent", Feedback).Write("md.BarBatch", Bar);

        var report = await RunAsync();

        Assert.That(Entry(report, "md.BarBatch").Status, Is.EqualTo(DriftStatus.Unknown));
        Assert.That(Entry(report, "md.BarBatch").Error, Does.Contain("Timeout"));
        Assert.That(Entry(report, "telemetry.FeedbackEvent").Status, Is.EqualTo(DriftStatus.Synced));
        Assert.That(report.RegistryAvailable, Is.True);
    }

    [Test]
    public async Task Schema_listed_in_the_index_but_gone_when_fetched_is_missing_in_registry()
    {
        _registry.Add("v1", "md.BarBatch", "2.0.0", Bar);
        _registry.FetchFailures["md.BarBatch"] = new SchemaNotFoundException("gone");
        _dir.Write("md.BarBatch", """{"type":"object"}""");

        Assert.That(Entry(await RunAsync(), "md.BarBatch").Status, Is.EqualTo(DriftStatus.MissingInRegistry));
    }

    [Test]
    public async Task Schema_suffix_on_either_side_still_matches()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent.schema", "1.1.2", Feedback).Add("v1", "md.BarBatch", "2.0.0", Bar);
        _dir.Write("telemetry.FeedbackEvent", Feedback).Write("md.BarBatch.schema", Bar);

        var report = await RunAsync();

        Assert.That(report.Schemas.Select(s => (s.Schema, s.Status)), Is.EquivalentTo(new[]
        {
            ("md.BarBatch", DriftStatus.Synced),
            ("telemetry.FeedbackEvent", DriftStatus.Synced),
        }));
    }

    [Test]
    public async Task Unreadable_local_copy_is_reported_with_its_error_and_the_others_are_compared()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback).Add("v1", "md.BarBatch", "2.0.0", Bar);
        _dir.Write("telemetry.FeedbackEvent", """{"type": "object", """).Write("md.BarBatch", Bar);

        var report = await RunAsync();

        var broken = Entry(report, "telemetry.FeedbackEvent");
        Assert.That(broken.Status, Is.EqualTo(DriftStatus.Drift));
        Assert.That(broken.Error, Does.Contain("MalformedJson"));
        Assert.That(broken.LocalSha, Is.Null);
        Assert.That(Entry(report, "md.BarBatch").Status, Is.EqualTo(DriftStatus.Synced));
    }

    [Test]
    public async Task Registry_compatibility_answer_decides_when_both_versions_are_known()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", FeedbackOptionalAdded);
        _registry.Compatibility = q => new CompatibilityResult(false, ["venue is consumed downstream"], [], null);
        _dir.Write("telemetry.FeedbackEvent", Feedback).WriteMetadata("v1", new Dictionary<string, string> { ["telemetry.FeedbackEvent"] = "1.1.2" });

        var entry = Entry(await RunAsync(new DriftReporterOptions()), "telemetry.FeedbackEvent");

        Assert.That(entry.DecidedBy, Is.EqualTo(ClassificationSource.Registry));
        Assert.That(entry.Classification, Is.EqualTo(ChangeClassification.Breaking), "the registry overrides the benign structural verdict");
        Assert.That(entry.RegistryBreakingReasons, Is.EqualTo(new[] { "venue is consumed downstream" }));
        Assert.That(entry.Changes.Single().Kind, Is.EqualTo(SchemaChangeKinds.OptionalPropertyAdded), "the structural changes are still listed");
        var query = _registry.CompatibilityQueries.Single();
        Assert.That((query.Name, query.FromTrack, query.FromVersion, query.ToTrack, query.ToVersion), Is.EqualTo(("telemetry.FeedbackEvent", "v1", "1.1.2", "v1", "1.2.0")));
    }

    [Test]
    public async Task Structural_diff_decides_when_the_registry_cannot_answer_compatibility()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", FeedbackOptionalAdded);
        _dir.Write("telemetry.FeedbackEvent", Feedback).WriteMetadata("v1", new Dictionary<string, string> { ["telemetry.FeedbackEvent"] = "1.1.2" });

        var entry = Entry(await RunAsync(new DriftReporterOptions()), "telemetry.FeedbackEvent");

        Assert.That(_registry.CompatibilityQueries, Has.Count.EqualTo(1));
        Assert.That(entry.DecidedBy, Is.EqualTo(ClassificationSource.StructuralDiff));
        Assert.That(entry.Classification, Is.EqualTo(ChangeClassification.Benign));
    }

    [Test]
    public void Unknown_track_is_an_argument_error_naming_the_tracks()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback).AddTrack("v2");
        _dir.Write("telemetry.FeedbackEvent", Feedback);

        var ex = Assert.ThrowsAsync<ArgumentException>(() => RunAsync(new DriftReporterOptions { Track = "v9" }));

        Assert.That(ex!.Message, Does.Contain("v9").And.Contain("v1, v2"));
    }

    [Test]
    public void No_track_and_no_metadata_is_an_argument_error()
    {
        _dir.Write("telemetry.FeedbackEvent", Feedback);

        Assert.ThrowsAsync<ArgumentException>(() => RunAsync(new DriftReporterOptions()));
    }

    [Test]
    public void Missing_directory_is_a_directory_not_found_error()
    {
        Assert.ThrowsAsync<DirectoryNotFoundException>(() => new DriftReporter(_registry).CompareAsync(Path.Combine(_dir.Path, "nope"), new DriftReporterOptions { Track = "v1" }));
    }

    [Test]
    public async Task Excluded_files_and_underscore_files_are_not_schemas()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback);
        _dir.Write("telemetry.FeedbackEvent", Feedback).Write("drift_report", "{}").Write("_notes", "{}");
        var options = new DriftReporterOptions { Track = "v1" };
        options.ExcludedFiles.Add(Path.Combine(_dir.Path, "drift_report.json"));

        var report = await RunAsync(options);

        Assert.That(report.Schemas.Select(s => s.Schema), Is.EqualTo(new[] { "telemetry.FeedbackEvent" }));
    }

    [Test]
    public async Task Progress_is_reported_once_per_local_schema()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback).Add("v1", "md.BarBatch", "2.0.0", Bar);
        _dir.Write("telemetry.FeedbackEvent", Feedback).Write("md.BarBatch", Bar);
        var seen = new System.Collections.Concurrent.ConcurrentBag<DriftProgress>();

        await new DriftReporter(_registry).CompareAsync(_dir.Path, new DriftReporterOptions { Track = "v1" }, new SynchronousProgress(seen.Add));

        Assert.That(seen.Select(p => p.Completed).Order(), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(seen.Select(p => p.Total), Is.All.EqualTo(2));
    }

    [Test]
    public async Task Drift_events_are_posted_to_the_registry_with_the_agreed_payload()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", FeedbackEnumNarrowed).Add("v1", "md.BarBatch", "2.0.0", Bar);
        _dir.Write("telemetry.FeedbackEvent", Feedback).Write("md.BarBatch", Bar)
            .WriteMetadata("v1", new Dictionary<string, string> { ["telemetry.FeedbackEvent"] = "1.1.2" });
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-04T05:06:07Z", System.Globalization.CultureInfo.InvariantCulture));

        await new DriftReporter(_registry, timeProvider: time).CompareAsync(_dir.Path, new DriftReporterOptions { Repository = "store", PublishEvents = true, UseRegistryCompatibilityCheck = false });

        var posted = _registry.Telemetry.Single();
        Assert.That(posted.EventType, Is.EqualTo("telemetry.schema_drift"));
        var payload = posted.Payload;
        Assert.That(payload.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
        {
            "repo", "schema", "track", "local_sha256", "local_version", "registry_sha256", "registry_version", "drift_type", "classification", "detected_at",
        }));
        Assert.That(payload.GetProperty("repo").GetString(), Is.EqualTo("store"));
        Assert.That(payload.GetProperty("schema").GetString(), Is.EqualTo("telemetry.FeedbackEvent"));
        Assert.That(payload.GetProperty("drift_type").GetString(), Is.EqualTo("drift"));
        Assert.That(payload.GetProperty("classification").GetString(), Is.EqualTo("breaking"));
        Assert.That(payload.GetProperty("local_version").GetString(), Is.EqualTo("1.1.2"));
        Assert.That(payload.GetProperty("registry_version").GetString(), Is.EqualTo("1.2.0"));
        Assert.That(payload.GetProperty("local_sha256").GetString(), Does.Match("^[0-9a-f]{64}$"));
        Assert.That(payload.GetProperty("detected_at").GetDateTimeOffset(), Is.EqualTo(time.GetUtcNow()));
    }

    [Test]
    public async Task No_events_are_posted_unless_asked()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", FeedbackEnumNarrowed);
        _dir.Write("telemetry.FeedbackEvent", Feedback);

        await RunAsync();

        Assert.That(_registry.Telemetry, Is.Empty);
    }

    [Test]
    public async Task A_failing_telemetry_post_is_swallowed_logged_and_counted()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", FeedbackEnumNarrowed);
        _registry.TelemetryFailure = new RegistryException("no token configured", RegistryErrorKind.Configuration);
        _dir.Write("telemetry.FeedbackEvent", Feedback);
        using var meters = new DriftMeters();
        using var events = meters.Collect("schema_drift_events");

        var report = await new DriftReporter(_registry, meterFactory: meters.Factory).CompareAsync(_dir.Path, new DriftReporterOptions { Track = "v1", PublishEvents = true });

        Assert.That(Entry(report, "telemetry.FeedbackEvent").Status, Is.EqualTo(DriftStatus.Drift));
        Assert.That(events.Sum(("outcome", "failed")), Is.EqualTo(1));
        Assert.That(events.Sum(("outcome", "published")), Is.EqualTo(0));
    }

    [Test]
    public async Task A_custom_publisher_that_throws_does_not_fail_the_run()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", FeedbackEnumNarrowed);
        _dir.Write("telemetry.FeedbackEvent", Feedback);
        var publisher = new Mock<IDriftEventPublisher>();
        publisher.Setup(p => p.PublishAsync(It.IsAny<SchemaDriftEvent>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("bus down"));

        var report = await new DriftReporter(_registry, publisher.Object).CompareAsync(_dir.Path, new DriftReporterOptions { Track = "v1", PublishEvents = true });

        Assert.That(report.Drifted, Is.EqualTo(1));
        publisher.Verify(p => p.PublishAsync(It.Is<SchemaDriftEvent>(e => e.Schema == "telemetry.FeedbackEvent"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Drift_meters_count_per_repo_track_and_schema_and_stamp_the_detection_time()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", FeedbackEnumNarrowed).Add("v1", "md.BarBatch", "2.0.0", Bar);
        _dir.Write("telemetry.FeedbackEvent", Feedback).Write("md.BarBatch", Bar);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_770_000_000));
        using var meters = new DriftMeters();
        using var drift = meters.Collect("schema_drift");
        using var lastDetected = meters.Collect("schema_drift_last_detected_timestamp");
        var reporter = new DriftReporter(_registry, meterFactory: meters.Factory, timeProvider: time);

        await reporter.CompareAsync(_dir.Path, new DriftReporterOptions { Track = "v1", Repository = "store" });
        await reporter.CompareAsync(_dir.Path, new DriftReporterOptions { Track = "v1", Repository = "store" });

        var tags = new[] { ("repo", "store"), ("track", "v1"), ("schema", "telemetry.FeedbackEvent") };
        Assert.That(drift.Sum(tags), Is.EqualTo(2));
        Assert.That(lastDetected.LastMeasurement?.Value, Is.EqualTo(1_770_000_000));
        Assert.That(lastDetected.LastMeasurement?.ContainsTags([.. tags.Select(t => new KeyValuePair<string, object?>(t.Item1, t.Item2))]), Is.True);
        Assert.That(drift.Sum(("schema", "md.BarBatch")), Is.EqualTo(0), "synced schemas are not counted");
    }

    private sealed class SynchronousProgress(Action<DriftProgress> report) : IProgress<DriftProgress>
    {
        public void Report(DriftProgress value) => report(value);
    }
}
