namespace CoreRegistryClient.Benchmarks;

/// <summary>Locates <c>../shared/bench-corpus</c> beside the repository root (the folder holding
/// <c>CoreRegistryClient.sln</c>), from wherever BenchmarkDotNet runs the benchmark process, so every benchmark
/// measures the same schemas and payloads.</summary>
internal static class BenchCorpus
{
    /// <summary>The bench-corpus schema names.</summary>
    public static IEnumerable<string> Names { get; } = ["telemetry.FeedbackEvent", "md.BarBatch", "portfolio.AllocationRequest"];

    public static string SchemaPath(string name) => Path.Combine(Root.Value, "schemas", name + ".json");

    public static byte[] Schema(string name) => File.ReadAllBytes(SchemaPath(name));

    public static string SchemaText(string name) => File.ReadAllText(SchemaPath(name));

    public static byte[] Payload(string name, bool valid) =>
        File.ReadAllBytes(Path.Combine(Root.Value, "payloads", $"{name}.{(valid ? "valid" : "invalid")}.json"));

    /// <summary>The folder holding CoreRegistryClient.sln (benchmarks also read the samples' files).</summary>
    public static string RepositoryRoot => Repository.Value;

    private static readonly Lazy<string> Repository = new(FindRepository);

    private static readonly Lazy<string> Root = new(FindCorpus);

    private static string FindRepository()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CoreRegistryClient.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("No folder holding CoreRegistryClient.sln above the working or the output directory.");
    }

    private static string FindCorpus()
    {
        var corpus = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "bench-corpus"));
        return Directory.Exists(corpus)
            ? corpus
            : throw new DirectoryNotFoundException("../shared/bench-corpus was not found beside the folder holding CoreRegistryClient.sln.");
    }
}
