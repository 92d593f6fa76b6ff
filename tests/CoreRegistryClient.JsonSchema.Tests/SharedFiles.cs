namespace CoreRegistryClient.JsonSchema.Tests;

/// <summary>Finds <c>../shared</c> beside the repository (the test suite and corpora are never copied in).</summary>
internal static class SharedFiles
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "CoreRegistryClient.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("CoreRegistryClient.sln not found above the test directory.");
        }

        return System.IO.Path.GetFullPath(System.IO.Path.Combine(directory.FullName, "..", "shared"));
    }
}
