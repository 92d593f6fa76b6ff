namespace CoreRegistryClient;

/// <summary>Where the benchmarks find the corpus: <c>../shared/bench-corpus</c> beside the folder holding
/// <c>CoreRegistryClient.sln</c>, from wherever BenchmarkDotNet runs the benchmark process.</summary>
internal static partial class BenchCorpus
{
    private static readonly Lazy<string> s_repository = new(LocateRepository);

    /// <summary>The folder holding <c>CoreRegistryClient.sln</c> (the HTTP benchmarks read the Portfolio.Api sample's files).</summary>
    public static string RepositoryRoot => s_repository.Value;

    private static partial string LocateRoot()
    {
        var corpus = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "bench-corpus"));
        return Directory.Exists(corpus)
            ? corpus
            : throw new DirectoryNotFoundException("../shared/bench-corpus was not found beside the folder holding CoreRegistryClient.sln.");
    }

    private static string LocateRepository()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CoreRegistryClient.sln"))) return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No folder holding CoreRegistryClient.sln above the working or the output directory.");
    }
}
