using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Tests.Testing;

public sealed class InMemorySchemaRegistryTests
{
    private const string Feedback = """{"type":"object","required":["score"]}""";

    [Test]
    public async Task An_added_schema_is_served_with_the_registry_services_sha256_of_json_dumps_sort_keys()
    {
        const string content = """{"type":"object","description":"café"}""";
        var registry = new InMemorySchemaRegistry().Add("v1", "telemetry.FeedbackEvent", "1.1.2", content);

        var schema = await registry.GetSchemaAsync("v1", "telemetry.FeedbackEvent");

        // What the Python registry hashes: json.dumps(content, sort_keys=True), ensure_ascii and ", "/": " separators.
        const string pythonDump = "{\"description\": \"caf\\u00e9\", \"type\": \"object\"}";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pythonDump)));
        Assert.That(schema.Sha256, Is.EqualTo(expected));
        Assert.That(schema.CoreVersion, Is.EqualTo("1.1.2"));
        Assert.That(schema.SchemaId, Is.EqualTo("telemetry.FeedbackEvent"));
        Assert.That(schema.Content.GetProperty("description").GetString(), Is.EqualTo("café"));
    }

    [Test]
    public async Task The_latest_version_is_the_highest_label_compared_numerically()
    {
        var registry = new InMemorySchemaRegistry()
            .Add("v1", "a.B", "1.10.0", Feedback)
            .Add("v1", "a.B", "1.9.3", """{"type":"object"}""")
            .Add("v1", "a.B", "1.2.0", """{"type":"object"}""");

        var latest = await registry.GetSchemaAsync("v1", "a.B");
        var versions = await registry.GetVersionsAsync("v1", "a.B");
        var index = await registry.GetIndexAsync();

        Assert.That(latest.CoreVersion, Is.EqualTo("1.10.0"));
        Assert.That(versions.Select(v => v.CoreVersion), Is.EqualTo(new[] { "1.2.0", "1.9.3", "1.10.0" }));
        Assert.That(index.Tracks["v1"].Schemas.Single().LatestCoreVersion, Is.EqualTo("1.10.0"));
    }

    [Test]
    public async Task Replacing_a_version_changes_the_index_sha256()
    {
        var registry = new InMemorySchemaRegistry().Add("v1", "a.B", "1.0.0", Feedback);
        var before = (await registry.GetIndexAsync()).Tracks["v1"].Schemas.Single().Sha256;

        registry.Add("v1", "a.B", "1.0.0", """{"type":"object","required":["score","id"]}""");
        var after = (await registry.GetIndexAsync()).Tracks["v1"].Schemas.Single().Sha256;

        Assert.That(after, Is.Not.EqualTo(before));
        Assert.That(await registry.GetVersionsAsync("v1", "a.B"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Deprecating_marks_the_latest_version_and_the_index_entry()
    {
        var registry = new InMemorySchemaRegistry()
            .Add("v2", "a.B", "2.0.0", Feedback)
            .Add("v2", "a.B", "2.1.0", Feedback);

        Assert.That(registry.Deprecate("v2", "a.B", "moved to a.C"), Is.True);
        Assert.That(registry.Deprecate("v2", "missing", null), Is.False);

        var schema = await registry.GetSchemaAsync("v2", "a.B");
        var old = await registry.GetSchemaAsync("v2", "a.B", "2.0.0");
        Assert.That(schema.Deprecated, Is.True);
        Assert.That(schema.DeprecationNote, Is.EqualTo("moved to a.C"));
        Assert.That(old.Deprecated, Is.False);
        Assert.That((await registry.GetIndexAsync()).Tracks["v2"].Schemas.Single().Deprecated, Is.True);
    }

    [Test]
    public async Task Index_groups_schemas_by_track_in_name_order()
    {
        var registry = new InMemorySchemaRegistry()
            .Add("v2", "z.Last", "1.0.0", Feedback)
            .Add("v2", "a.First", "1.0.0", Feedback)
            .Add("v1", "a.First", "1.0.0", Feedback);

        var index = await registry.GetIndexAsync();

        Assert.That(index.Tracks["v2"].Schemas.Select(s => s.Name), Is.EqualTo(new[] { "a.First", "z.Last" }));
        Assert.That(index.Tracks["v2"].Count, Is.EqualTo(2));
        Assert.That(index.Tracks["v1"].Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Schemas_are_found_by_id_and_unknown_ones_are_not_found()
    {
        var registry = new InMemorySchemaRegistry().Add("v1", "a.B", "1.0.0", Feedback, schemaId: "ab-1");

        Assert.That((await registry.GetSchemaByIdAsync("ab-1")).Name, Is.EqualTo("a.B"));
        Assert.ThrowsAsync<SchemaNotFoundException>(() => registry.GetSchemaByIdAsync("a.B"));
        Assert.ThrowsAsync<SchemaNotFoundException>(() => registry.GetSchemaAsync("v2", "a.B"));
        Assert.ThrowsAsync<SchemaNotFoundException>(() => registry.GetSchemaAsync("v1", "a.B", "2.0.0"));
        Assert.ThrowsAsync<SchemaNotFoundException>(() => registry.GetVersionsAsync("v1", "x.Y"));
    }

    [Test]
    public async Task Lookups_accept_the_name_with_or_without_the_schema_suffix()
    {
        var registry = new InMemorySchemaRegistry()
            .Add("v1", "a.B.schema", "1.0.0", Feedback)
            .Add("v1", "c.D", "1.0.0", Feedback);

        Assert.That((await registry.GetSchemaAsync("v1", "a.B")).Name, Is.EqualTo("a.B.schema"));
        Assert.That((await registry.GetSchemaAsync("v1", "c.D.schema")).Name, Is.EqualTo("c.D"));
        Assert.That(await registry.GetVersionsAsync("v1", "a.B"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Compatibility_is_compatible_unless_a_test_says_otherwise()
    {
        var registry = new InMemorySchemaRegistry();
        var query = new CompatibilityQuery("a.B", "v1", "1.0.0", "v2", "2.0.0");

        Assert.That((await registry.CheckCompatibilityAsync(query)).Compatible, Is.True);

        registry.SetCompatibility("a.B", new CompatibilityResult(false, ["any change"], [], null));
        registry.SetCompatibility(query, new CompatibilityResult(false, ["required field renamed"], ["keep the old name"], null));

        Assert.That((await registry.CheckCompatibilityAsync(query)).BreakingReasons, Is.EqualTo(new[] { "required field renamed" }));
        Assert.That((await registry.CheckCompatibilityAsync(query with { ToVersion = "2.1.0" })).BreakingReasons, Is.EqualTo(new[] { "any change" }));
        Assert.That((await registry.CheckCompatibilityAsync(query with { Name = "x.Y" })).Compatible, Is.True);
    }

    [Test]
    public async Task Admin_calls_are_recorded_and_a_publish_adds_the_schema()
    {
        var registry = new InMemorySchemaRegistry();
        using var content = JsonDocument.Parse(Feedback);
        using var payload = JsonDocument.Parse("""{"schema":"a.B"}""");

        await registry.PublishSchemaAsync(new PublishSchemaRequest("a.B", "v2", "2.0.0", content.RootElement, Deprecated: true, DeprecationNote: "n"));
        await registry.SyncAsync(new SyncRequest("local", null, "schemas"));
        await registry.PostTelemetryAsync(new TelemetryEvent("telemetry.schema_drift", payload.RootElement));

        Assert.That((await registry.GetSchemaAsync("v2", "a.B")).Deprecated, Is.True);
        Assert.That(registry.PublishedSchemas.Single().CoreVersion, Is.EqualTo("2.0.0"));
        Assert.That(registry.SyncRequests.Single().Path, Is.EqualTo("schemas"));
        Assert.That(registry.TelemetryEvents.Single().Payload.GetProperty("schema").GetString(), Is.EqualTo("a.B"));
    }

    [Test]
    public void Recorded_events_outlive_the_caller_document()
    {
        var registry = new InMemorySchemaRegistry();
        using (var payload = JsonDocument.Parse("""{"schema":"a.B"}"""))
        {
            registry.PostTelemetryAsync(new TelemetryEvent("telemetry.schema_drift", payload.RootElement));
        }

        Assert.That(registry.TelemetryEvents.Single().Payload.GetProperty("schema").GetString(), Is.EqualTo("a.B"));
    }

    [Test]
    public void Publishing_content_that_is_not_a_schema_is_Rejected()
    {
        var registry = new InMemorySchemaRegistry();
        using var content = JsonDocument.Parse("[1,2]");

        var error = Assert.ThrowsAsync<RegistryException>(() => registry.PublishSchemaAsync(new PublishSchemaRequest("a.B", "v1", "1.0.0", content.RootElement)));

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.Rejected));
        Assert.That(registry.PublishedSchemas, Is.Empty);
    }

    [TestCase("{not json")]
    [TestCase("42")]
    [TestCase("")]
    public void Adding_content_that_is_not_a_schema_document_throws(string content)
    {
        var registry = new InMemorySchemaRegistry();

        Assert.That(() => registry.Add("v1", "a.B", "1.0.0", content), Throws.ArgumentException.With.Message.Contains("a.B"));
    }

    [Test]
    public void Boolean_schemas_are_accepted() =>
        Assert.That(() => new InMemorySchemaRegistry().Add("v1", "any", "1.0.0", "true"), Throws.Nothing);

    [Test]
    public async Task An_unavailable_registry_throws_RegistryUnavailable_until_it_is_back()
    {
        var registry = new InMemorySchemaRegistry().Add("v1", "a.B", "1.0.0", Feedback);
        registry.Unavailable = true;

        var error = Assert.ThrowsAsync<RegistryUnavailableException>(() => registry.GetSchemaAsync("v1", "a.B"));
        registry.Unavailable = false;

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.Network));
        Assert.That((await registry.GetSchemaAsync("v1", "a.B")).Name, Is.EqualTo("a.B"));
    }

    [Test]
    public async Task Calls_are_counted_per_method()
    {
        var registry = new InMemorySchemaRegistry().Add("v1", "a.B", "1.0.0", Feedback);

        await registry.GetSchemaAsync("v1", "a.B");
        await registry.GetSchemaAsync("v1", "a.B");
        await registry.GetIndexAsync();
        Assert.ThrowsAsync<SchemaNotFoundException>(() => registry.GetSchemaAsync("v1", "x.Y"));

        Assert.That(registry.CallCount(nameof(ISchemaRegistryClient.GetSchemaAsync)), Is.EqualTo(3));
        Assert.That(registry.CallCount(nameof(ISchemaRegistryClient.GetIndexAsync)), Is.EqualTo(1));
        Assert.That(registry.CallCount(), Is.EqualTo(4));
    }

    [Test]
    public async Task Remove_and_Clear_forget_schemas()
    {
        var registry = new InMemorySchemaRegistry().Add("v1", "a.B", "1.0.0", Feedback).Add("v1", "c.D", "1.0.0", Feedback);

        Assert.That(registry.Remove("v1", "a.B"), Is.True);
        Assert.That(registry.Remove("v1", "a.B"), Is.False);
        Assert.ThrowsAsync<SchemaNotFoundException>(() => registry.GetSchemaAsync("v1", "a.B"));
        registry.Clear();
        Assert.That((await registry.GetIndexAsync()).Tracks, Is.Empty);
    }

    [Test]
    public async Task Concurrent_writers_and_readers_see_consistent_schemas()
    {
        var registry = new InMemorySchemaRegistry();
        const int writers = 8;
        const int versionsPerWriter = 50;
        using var start = new ManualResetEventSlim();

        var writes = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            start.Wait();
            for (var v = 0; v < versionsPerWriter; v++)
            {
                registry.Add(w % 2 == 0 ? "v1" : "v2", $"s.W{w}", $"1.{v}.0", $$"""{"type":"object","title":"w{{w}} v{{v}}"}""");
            }
        }));
        var reads = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            for (var i = 0; i < versionsPerWriter; i++)
            {
                var index = await registry.GetIndexAsync();
                foreach (var entry in index.Tracks.Values.SelectMany(t => t.Schemas))
                {
                    var schema = await registry.GetSchemaAsync(entry.Name.StartsWith("s.W", StringComparison.Ordinal) && int.Parse(entry.Name[3..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? "v1" : "v2", entry.Name);
                    Assert.That(schema.Sha256, Is.EqualTo(InMemorySchemaRegistry.ComputeSha256(schema.Content.GetRawText())), "a schema's hash matches its content");
                }
            }
        }));

        start.Set();
        await Task.WhenAll(writes.Concat(reads));

        var final = await registry.GetIndexAsync();
        Assert.That(final.Tracks.Values.Sum(t => t.Count), Is.EqualTo(writers));
        Assert.That(final.Tracks.Values.SelectMany(t => t.Schemas).Select(s => s.LatestCoreVersion), Is.All.EqualTo($"1.{versionsPerWriter - 1}.0"));
        foreach (var w in Enumerable.Range(0, writers))
        {
            Assert.That(await registry.GetVersionsAsync(w % 2 == 0 ? "v1" : "v2", $"s.W{w}"), Has.Count.EqualTo(versionsPerWriter));
        }
    }
}
