namespace CoreRegistryClient.Benchmarks.Sdk;

/// <summary>The shared bench corpus (<c>../shared/bench-corpus</c> beside the repository), found by walking up to
/// <c>CoreRegistryClient.sln</c>, so every benchmark measures the same schemas and payloads.</summary>
internal static class SdkCorpus
{
    public static string Schema(string name) => File.ReadAllText(Path.Combine(Root(), "schemas", name + ".json"));

    public static byte[] Payload(string name, bool valid) =>
        File.ReadAllBytes(Path.Combine(Root(), "payloads", $"{name}.{(valid ? "valid" : "invalid")}.json"));

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CoreRegistryClient.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "bench-corpus"));
            }
        }

        throw new DirectoryNotFoundException("CoreRegistryClient.sln not found above " + AppContext.BaseDirectory);
    }
}
