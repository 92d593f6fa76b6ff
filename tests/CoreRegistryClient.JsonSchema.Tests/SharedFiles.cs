using CoreRegistryClient.TestData;

namespace CoreRegistryClient.JsonSchema.Tests;

/// <summary>The shared test data (the suite and corpora are never copied in); located by <see cref="SharedFolder"/>.</summary>
internal static class SharedFiles
{
    public static string Path(params string[] parts) => SharedFolder.Path(parts);
}
