namespace CoreRegistryClient;

/// <summary>Where the engine tests find the bench corpus (the corpus type itself is linked from the benchmarks).</summary>
internal static partial class BenchCorpus
{
    private static partial string LocateRoot() => JsonSchema.Tests.SharedFiles.Path("bench-corpus");
}
