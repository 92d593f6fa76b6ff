using System.Text.Json;
using CoreRegistryClient.Caching;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Tests.Caching;

public class SchemaSnapshotStoreTests
{
    private string _directory = "";
    private FakeLogCollector _logs = null!;
    private SchemaSnapshotStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "crc-snapshots-" + Guid.NewGuid().ToString("N"));
        _logs = new FakeLogCollector();
        _store = new SchemaSnapshotStore(new FakeTimeProvider(), new Logger<SchemaSnapshotStore>(LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(_logs)))));
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void A_saved_schema_loads_back_with_its_track_version_and_content()
    {
        _store.Save(_directory, TestSchemas.Name, "v2", Schema("v1", "1.0.0", TestSchemas.FeedbackEvent));
        var snapshot = _store.TryLoad(_directory, TestSchemas.Name);
        Assert.That(snapshot, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(snapshot!.Name, Is.EqualTo(TestSchemas.Name));
            Assert.That(snapshot.RequestedTrack, Is.EqualTo("v2"));
            Assert.That(snapshot.Track, Is.EqualTo("v1"));
            Assert.That(snapshot.Version, Is.EqualTo("1.0.0"));
            Assert.That(snapshot.Sha256, Is.EqualTo("abc123"));
            Assert.That(JsonSerializer.Serialize(snapshot.Content), Is.EqualTo(JsonSerializer.Serialize(JsonDocument.Parse(TestSchemas.FeedbackEvent).RootElement)));
        });
    }

    [Test]
    public void Saving_again_replaces_the_file_and_leaves_no_temporary_files()
    {
        _store.Save(_directory, TestSchemas.Name, "v2", Schema("v1", "1.0.0", TestSchemas.FeedbackEvent));
        _store.Save(_directory, TestSchemas.Name, "v2", Schema("v1", "1.1.0", TestSchemas.FeedbackEventWithOptionalRegion));
        Assert.Multiple(() =>
        {
            Assert.That(_store.TryLoad(_directory, TestSchemas.Name)!.Version, Is.EqualTo("1.1.0"));
            Assert.That(Directory.GetFiles(_directory), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void Corrupt_files_are_skipped_with_a_warning_and_good_ones_still_load()
    {
        _store.Save(_directory, "good", "v2", Schema("v1", "1.0.0", TestSchemas.FeedbackEvent));
        _store.Save(_directory, "tampered", "v2", Schema("v1", "1.0.0", TestSchemas.FeedbackEvent));
        File.WriteAllText(Path.Combine(_directory, "truncated.json"), """{"format":1,"name":"truncated","con""");
        var tampered = SchemaSnapshotStore.PathFor(_directory, "tampered");
        File.WriteAllText(tampered, File.ReadAllText(tampered).Replace("\"minimum\":0", "\"minimum\":1", StringComparison.Ordinal));

        var loaded = _store.LoadAll(_directory);

        Assert.Multiple(() =>
        {
            Assert.That(loaded.Select(s => s.Name), Is.EqualTo(new[] { "good" }));
            Assert.That(_logs.WithEventId(1006).Count(), Is.EqualTo(2));
            Assert.That(_logs.WithEventId(1006).Select(l => l.Message), Has.Some.Contains("checksum"));
            Assert.That(_store.TryLoad(_directory, "tampered"), Is.Null);
        });
    }

    [TestCase("../../etc/passwd")]
    [TestCase("..")]
    [TestCase("a/b\\c:d")]
    [TestCase(".hidden")]
    public void Hostile_names_stay_inside_the_directory(string name)
    {
        var path = SchemaSnapshotStore.PathFor(_directory, name);
        Assert.Multiple(() =>
        {
            Assert.That(Path.GetDirectoryName(path), Is.EqualTo(_directory));
            Assert.That(Path.GetFileName(path), Does.Not.StartWith("."));
        });
        _store.Save(_directory, name, "v1", Schema("v1", "1", TestSchemas.FeedbackEvent));
        Assert.That(_store.TryLoad(_directory, name)?.Name, Is.EqualTo(name));
    }

    [Test]
    public void A_missing_directory_is_an_empty_snapshot() =>
        Assert.That(_store.LoadAll(Path.Combine(_directory, "nope")), Is.Empty);

    private static RegistrySchema Schema(string track, string version, string json) =>
        new(TestSchemas.Name, track, version, "abc123", null, JsonDocument.Parse(json).RootElement.Clone(), false, null);
}
