using CoreRegistryClient.Drift;
using CoreRegistryClient.Samples.Tests.Support;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Samples.Tests.Store;

/// <summary>What docs/samples.md says the store's demo drift report shows: the embedded registry's compatibility stub
/// answers, so it decides the classification (benign, decided by the registry), and the structural changes are listed.</summary>
public class StoreDriftClassificationTests
{
    [Test]
    public async Task The_demo_drift_is_benign_as_decided_by_the_embedded_registry_with_the_structural_changes_listed()
    {
        var client = InMemorySchemaRegistry.FromDirectory(SampleRun.SchemaDirectory); // the store's embedded registry serves these

        var report = await new DriftReporter(client).CompareAsync(Path.Combine(StoreRun.FixtureDirectory, "v2"), new DriftReporterOptions { PublishEvents = false });
        var entry = report.Schemas.Single(s => s.Schema == "telemetry.FeedbackEvent");

        Assert.That(entry.Status, Is.EqualTo(DriftStatus.Drift));
        Assert.That(entry.Classification, Is.EqualTo(ChangeClassification.Benign));
        Assert.That(entry.DecidedBy, Is.EqualTo(ClassificationSource.Registry));
        Assert.That(entry.Changes, Is.Not.Empty);
        Assert.That(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "samples.md")), Does.Contain("\"decided_by\": \"registry\""));
    }
}
