using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Drift;

/// <summary>A directory of local schema copies (<c>&lt;name&gt;.json</c>) and its optional <c>_metadata.json</c>.</summary>
internal sealed class LocalSchemaDirectory
{
    /// <summary>Local copies larger than this are refused (a schema is kilobytes; this is a wrong file).</summary>
    public const long MaxSchemaBytes = 16 * 1024 * 1024;

    private LocalSchemaDirectory(string path, SchemaDirectoryMetadata? metadata, IReadOnlyList<LocalSchema> schemas)
    {
        DirectoryPath = path;
        Metadata = metadata;
        Schemas = schemas;
    }

    public string DirectoryPath { get; }

    public SchemaDirectoryMetadata? Metadata { get; }

    public IReadOnlyList<LocalSchema> Schemas { get; }

    /// <summary>Reads every <c>*.json</c> file except those starting with '_' (metadata) and <paramref name="excludedFiles"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException"><c>_metadata.json</c> is malformed.</exception>
    public static LocalSchemaDirectory Load(string directory, CanonicalForm form, IEnumerable<string>? excludedFiles = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The schema directory '{directory}' does not exist.");
        }

        var excluded = new HashSet<string>((excludedFiles ?? []).Select(Path.GetFullPath), StringComparer.Ordinal);
        var metadata = SchemaDirectoryMetadata.Read(directory);
        var schemas = new List<LocalSchema>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(path);
            if (fileName.StartsWith('_') || fileName.StartsWith('.') || excluded.Contains(Path.GetFullPath(path)))
            {
                continue;
            }

            var name = SchemaNames.Canonical(Path.GetFileNameWithoutExtension(path));
            schemas.Add(Read(name, path, form, metadata?.VersionOf(name)));
        }

        return new LocalSchemaDirectory(directory, metadata, schemas);
    }

    private static LocalSchema Read(string name, string path, CanonicalForm form, string? version)
    {
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxSchemaBytes)
            {
                return new LocalSchema(name, path, null, null, version, $"The file is {length} bytes, more than the {MaxSchemaBytes} accepted for a schema.");
            }

            var content = File.ReadAllBytes(path);
            return new LocalSchema(name, path, content, SchemaHasher.ComputeSha256(content, form), version, null);
        }
        catch (CanonicalJsonException ex)
        {
            return new LocalSchema(name, path, null, null, version, $"The local copy cannot be hashed ({ex.Kind}): {ex.Message}");
        }
        catch (IOException ex)
        {
            return new LocalSchema(name, path, null, null, version, $"The local copy cannot be read: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            return new LocalSchema(name, path, null, null, version, $"The local copy cannot be read: {ex.Message}");
        }
    }
}
