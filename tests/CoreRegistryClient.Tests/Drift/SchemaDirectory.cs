using System.Text.Json;

namespace CoreRegistryClient.Tests.Drift;

/// <summary>A temporary directory of local schema copies, deleted on dispose.</summary>
internal sealed class SchemaDirectory : IDisposable
{
    public SchemaDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crc-drift-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public SchemaDirectory Write(string name, string json)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, name + ".json"), json);
        return this;
    }

    public SchemaDirectory WriteMetadata(string track, IReadOnlyDictionary<string, string>? versions = null, string? registryUrl = null)
    {
        var metadata = new Dictionary<string, object?>
        {
            ["registry_url"] = registryUrl,
            ["track"] = track,
            ["fetched_at"] = "2026-01-02T03:04:05+00:00",
            ["versions"] = versions ?? new Dictionary<string, string>(),
        };
        File.WriteAllText(System.IO.Path.Combine(Path, "_metadata.json"), JsonSerializer.Serialize(metadata));
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
