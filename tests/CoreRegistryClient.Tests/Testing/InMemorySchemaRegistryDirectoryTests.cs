using CoreRegistryClient.Registry;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Tests.Testing;

public sealed class InMemorySchemaRegistryDirectoryTests
{
    [Test]
    public async Task A_folder_of_tracks_loads_names_versions_and_deprecations()
    {
        using var folder = new SchemaFolder()
            .Write("v1/telemetry.FeedbackEvent.json", """{"type":"object"}""")
            .Write("v1/market.Quote@1.2.0.json", """{"type":"object","title":"1.2"}""")
            .Write("v1/market.Quote@1.10.0.json", """{"type":"object","title":"1.10"}""")
            .Write("v1/market.Quote.deprecated", "use market.Quote2\n")
            .Write("v2/telemetry.FeedbackEvent@2.0.0.json", """{"type":"object","title":"v2"}""")
            .Write("v2/README.md", "not a schema")
            .Write("stray.json", "{}");

        var registry = InMemorySchemaRegistry.FromDirectory(folder.Path);
        var index = await registry.GetIndexAsync();

        Assert.That(index.Tracks.Keys, Is.EquivalentTo(new[] { "v1", "v2" }));
        Assert.That(index.Tracks["v1"].Schemas.Select(s => (s.Name, s.LatestCoreVersion, s.Deprecated)), Is.EqualTo(new[]
        {
            ("market.Quote", "1.10.0", true),
            ("telemetry.FeedbackEvent", "1.0.0", false),
        }));
        Assert.That((await registry.GetSchemaAsync("v1", "market.Quote")).DeprecationNote, Is.EqualTo("use market.Quote2"));
        Assert.That((await registry.GetSchemaAsync("v1", "market.Quote", "1.2.0")).Content.GetProperty("title").GetString(), Is.EqualTo("1.2"));
        Assert.That((await registry.GetSchemaAsync("v2", "telemetry.FeedbackEvent")).CoreVersion, Is.EqualTo("2.0.0"));
    }

    [Test]
    public async Task The_default_version_applies_to_files_without_one()
    {
        using var folder = new SchemaFolder().Write("v1/a.B.json", "{}");

        var registry = new InMemorySchemaRegistry().LoadDirectory(folder.Path, defaultVersion: "0.9.0");

        Assert.That((await registry.GetSchemaAsync("v1", "a.B")).CoreVersion, Is.EqualTo("0.9.0"));
    }

    [Test]
    public async Task The_hash_of_a_file_is_that_of_its_text_without_a_byte_order_mark()
    {
        const string text = "{\n  \"type\": \"object\"\n}\n";
        using var folder = new SchemaFolder().Write("v1/a.B.json", text, byteOrderMark: true);

        var registry = InMemorySchemaRegistry.FromDirectory(folder.Path);

        Assert.That((await registry.GetSchemaAsync("v1", "a.B")).Sha256, Is.EqualTo(InMemorySchemaRegistry.ComputeSha256(text)));
    }

    [Test]
    public void A_file_that_is_not_json_fails_the_load_naming_the_file()
    {
        using var folder = new SchemaFolder().Write("v1/good.json", "{}").Write("v1/broken.json", "{\"type\": ");

        var error = Assert.Throws<InvalidDataException>(() => InMemorySchemaRegistry.FromDirectory(folder.Path));

        Assert.That(error!.Message, Does.Contain("broken.json"));
    }

    [Test]
    public void A_deprecation_sidecar_without_its_schema_fails_the_load()
    {
        using var folder = new SchemaFolder().Write("v1/a.B.json", "{}").Write("v1/ghost.deprecated", "gone");

        var error = Assert.Throws<InvalidDataException>(() => InMemorySchemaRegistry.FromDirectory(folder.Path));

        Assert.That(error!.Message, Does.Contain("ghost"));
    }

    [Test]
    public void A_missing_folder_is_reported()
    {
        var missing = Path.Combine(Path.GetTempPath(), "crc-missing-" + Guid.NewGuid().ToString("N"));

        Assert.Throws<DirectoryNotFoundException>(() => InMemorySchemaRegistry.FromDirectory(missing));
    }

    [Test]
    public async Task Loading_again_adds_new_versions_and_keeps_the_rest()
    {
        using var folder = new SchemaFolder().Write("v1/a.B@1.0.0.json", "{}");
        var registry = InMemorySchemaRegistry.FromDirectory(folder.Path);
        folder.Write("v1/a.B@1.1.0.json", """{"type":"object"}""");

        registry.LoadDirectory(folder.Path);

        Assert.That((await registry.GetVersionsAsync("v1", "a.B")).Select(v => v.CoreVersion), Is.EqualTo(new[] { "1.0.0", "1.1.0" }));
        Assert.ThrowsAsync<SchemaNotFoundException>(() => registry.GetSchemaAsync("v2", "a.B"));
    }
}
