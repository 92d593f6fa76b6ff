namespace CoreRegistryClient.Cli.Tests;

/// <summary>The clone the tests were built from (the folder holding CoreRegistryClient.sln).</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "CoreRegistryClient.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CoreRegistryClient.sln was not found above the test directory.");
    });

    public static string Path => Root.Value;
}
