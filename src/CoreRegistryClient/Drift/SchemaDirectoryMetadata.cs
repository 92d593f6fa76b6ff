using System.Text.Json;
using System.Text.Json.Serialization;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Drift;

/// <summary><c>_metadata.json</c> in a directory of local schema copies, as <c>core-registry fetch</c> writes it.</summary>
internal sealed record SchemaDirectoryMetadata
{
    public const string FileName = "_metadata.json";

    [JsonPropertyName("registry_url")]
    public string? RegistryUrl { get; init; }

    [JsonPropertyName("track")]
    public string? Track { get; init; }

    [JsonPropertyName("fetched_at")]
    public DateTimeOffset? FetchedAt { get; init; }

    [JsonPropertyName("canonical_form")]
    public string? CanonicalForm { get; init; }

    [JsonPropertyName("schemas_fetched")]
    public int SchemasFetched { get; init; }

    [JsonPropertyName("schemas_failed")]
    public int SchemasFailed { get; init; }

    [JsonPropertyName("failed_schemas")]
    public IReadOnlyList<string> FailedSchemas { get; init; } = [];

    /// <summary>The registry version label of each fetched schema, by name.</summary>
    [JsonPropertyName("versions")]
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();

    /// <summary>The version recorded for <paramref name="name"/>, with or without its <c>.schema</c> suffix.</summary>
    public string? VersionOf(string name)
    {
        foreach (var (key, version) in Versions)
        {
            if (string.Equals(SchemaNames.Canonical(key), SchemaNames.Canonical(name), StringComparison.Ordinal))
            {
                return version;
            }
        }

        return null;
    }

    /// <summary>Reads the metadata of <paramref name="directory"/>, or <see langword="null"/> when it has none.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not the expected JSON.</exception>
    public static SchemaDirectoryMetadata? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SchemaDirectoryMetadata>(File.ReadAllBytes(path), DriftJson.Options)
                ?? throw new InvalidDataException($"{FileName} is empty (null).");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{FileName} is not valid metadata: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the metadata into <paramref name="directory"/> (through a temporary file, then a rename).</summary>
    public void Write(string directory) =>
        DriftJson.WriteAtomically(Path.Combine(directory, FileName), JsonSerializer.SerializeToUtf8Bytes(this, DriftJson.Options));
}
