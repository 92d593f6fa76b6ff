namespace CoreRegistryClient.AspNetCore.Tests.TestSupport;

/// <summary>The repository root (the folder holding CoreRegistryClient.sln), found from the test output folder.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CoreRegistryClient.sln"))) directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("CoreRegistryClient.sln not found above the test directory.");
        }
    }
}
