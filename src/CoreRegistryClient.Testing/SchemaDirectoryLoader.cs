using System.Text.Json;

namespace CoreRegistryClient.Testing;

/// <summary>Reads a schema folder laid out <c>{track}/{name}.json</c>, <c>{track}/{name}@{version}.json</c> and
/// optional <c>{track}/{name}.deprecated</c> sidecars (see <see cref="InMemorySchemaRegistry.LoadDirectory"/>).</summary>
internal static class SchemaDirectoryLoader
{
    public static void Load(InMemorySchemaRegistry registry, string directory, string defaultVersion)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The schema directory '{directory}' does not exist.");
        }

        foreach (var trackDirectory in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var track = Path.GetFileName(trackDirectory);
            foreach (var file in Directory.GetFiles(trackDirectory, "*.json").Order(StringComparer.Ordinal))
            {
                var (name, version) = ParseFileName(Path.GetFileNameWithoutExtension(file), defaultVersion);
                var content = File.ReadAllText(file);
                try
                {
                    registry.Add(track, name, version, content);
                }
                catch (ArgumentException exception)
                {
                    throw new InvalidDataException($"{Path.Combine(track, Path.GetFileName(file))}: {exception.Message}", exception);
                }
            }

            foreach (var sidecar in Directory.GetFiles(trackDirectory, "*.deprecated").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(sidecar);
                var note = File.ReadAllText(sidecar).Trim();
                if (!registry.Deprecate(track, name, note.Length == 0 ? null : note))
                {
                    throw new InvalidDataException($"{Path.Combine(track, Path.GetFileName(sidecar))} deprecates '{name}', which has no schema file in '{track}'.");
                }
            }
        }
    }

    private static (string Name, string Version) ParseFileName(string fileName, string defaultVersion)
    {
        var at = fileName.LastIndexOf('@');
        return at > 0 && at < fileName.Length - 1
            ? (fileName[..at], fileName[(at + 1)..])
            : (fileName, defaultVersion);
    }

    /// <summary>Checks that text is a JSON Schema document (an object or a boolean) and returns a short reason if not.</summary>
    public static string? Problem(string contentJson)
    {
        try
        {
            using var document = JsonDocument.Parse(contentJson);
            return document.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False
                ? null
                : $"a JSON Schema must be an object or a boolean, not {document.RootElement.ValueKind}";
        }
        catch (JsonException exception)
        {
            return "not valid JSON: " + exception.Message;
        }
    }
}
