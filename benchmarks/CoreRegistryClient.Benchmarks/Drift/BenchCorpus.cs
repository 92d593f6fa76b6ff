namespace CoreRegistryClient.Benchmarks.Drift;

/// <summary>Locates <c>../shared/bench-corpus</c> beside the repository root.</summary>
internal static class BenchCorpus
{
    public static string SchemaPath(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CoreRegistryClient.sln")))
        {
            directory = directory.Parent;
        }

        if (directory?.Parent is null)
        {
            throw new InvalidOperationException("CoreRegistryClient.sln not found above " + AppContext.BaseDirectory);
        }

        return Path.Combine(directory.Parent.FullName, "shared", "bench-corpus", "schemas", name + ".json");
    }
}
