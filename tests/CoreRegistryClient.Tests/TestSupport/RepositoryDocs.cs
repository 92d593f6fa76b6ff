namespace CoreRegistryClient.Tests.TestSupport;

/// <summary>Reads the repository's <c>docs/</c> (beside CoreRegistryClient.sln), so examples in them can be checked against real output.</summary>
internal static class RepositoryDocs
{
    public static string Read(string fileName)
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CoreRegistryClient.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new InvalidOperationException("CoreRegistryClient.sln not found above the test directory.")
            : File.ReadAllText(Path.Combine(directory.FullName, "docs", fileName));
    }
}
