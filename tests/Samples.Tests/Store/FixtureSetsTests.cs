using CoreRegistryClient.Samples.Store.Drift;

namespace CoreRegistryClient.Samples.Tests.Store;

public class FixtureSetsTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("fixture-sets-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void The_sample_fixtures_are_one_set_per_track()
    {
        var sets = FixtureSets.Discover(StoreRun.FixtureDirectory);
        Assert.That(sets.Select(Path.GetFileName), Is.EqualTo(new[] { "v1", "v2" }));
    }

    [Test]
    public void A_folder_with_its_own_metadata_is_the_one_set()
    {
        File.WriteAllText(Path.Combine(_root, "_metadata.json"), "{\"track\":\"v1\"}");
        Directory.CreateDirectory(Path.Combine(_root, "v2"));
        File.WriteAllText(Path.Combine(_root, "v2", "_metadata.json"), "{\"track\":\"v2\"}");
        Assert.That(FixtureSets.Discover(_root), Is.EqualTo(new[] { _root }));
    }

    [Test]
    public void Sub_folders_without_metadata_are_not_sets()
    {
        foreach (var name in new[] { "b", "a", "notes" })
        {
            Directory.CreateDirectory(Path.Combine(_root, name));
        }

        File.WriteAllText(Path.Combine(_root, "b", "_metadata.json"), "{}");
        File.WriteAllText(Path.Combine(_root, "a", "_metadata.json"), "{}");
        Assert.That(FixtureSets.Discover(_root).Select(Path.GetFileName), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void A_folder_without_any_metadata_is_refused_with_the_reason()
    {
        Directory.CreateDirectory(Path.Combine(_root, "v1"));
        Assert.That(() => FixtureSets.Discover(_root), Throws.TypeOf<InvalidDataException>().With.Message.Contains("has no _metadata.json"));
    }

    [Test]
    public void A_missing_folder_is_refused() =>
        Assert.That(() => FixtureSets.Discover(Path.Combine(_root, "missing")), Throws.TypeOf<DirectoryNotFoundException>());
}
