namespace CoreRegistryClient;

/// <summary>Where the benchmarks find the corpus: <c>../shared/bench-corpus</c> beside the folder holding
/// <c>CoreRegistryClient.sln</c>, from wherever BenchmarkDotNet runs the benchmark process.</summary>
internal static partial class BenchCorpus
{
    private static partial string LocateRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CoreRegistryClient.sln")))
                {
                    var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "bench-corpus"));
                    if (Directory.Exists(corpus))
                    {
                        return corpus;
                    }
                }
            }
        }

        throw new DirectoryNotFoundException("../shared/bench-corpus was not found beside the folder holding CoreRegistryClient.sln.");
    }
}
