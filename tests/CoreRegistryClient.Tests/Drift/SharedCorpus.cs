using CoreRegistryClient.TestData;

namespace CoreRegistryClient.Tests.Drift;

/// <summary>The shared test data (corpora and vectors); located by <see cref="SharedFolder"/>.</summary>
internal static class SharedCorpus
{
    public static string Path(params string[] parts) => SharedFolder.Path(parts);
}
