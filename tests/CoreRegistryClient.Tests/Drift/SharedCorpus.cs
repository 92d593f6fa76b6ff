namespace CoreRegistryClient.Tests.Drift;

/// <summary>Finds <c>../shared</c> beside the repository root (the directory holding CoreRegistryClient.sln).</summary>
internal static class SharedCorpus
{
    private static readonly Lazy<string> Root = new(FindSharedDirectory);

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string FindSharedDirectory()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "CoreRegistryClient.sln")))
        {
            directory = directory.Parent;
        }

        if (directory?.Parent is null)
        {
            throw new InvalidOperationException("CoreRegistryClient.sln not found above the test directory.");
        }

        return System.IO.Path.Combine(directory.Parent.FullName, "shared");
    }
}
