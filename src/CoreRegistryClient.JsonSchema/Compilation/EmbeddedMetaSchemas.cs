using System.Collections.Frozen;
using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>The official meta-schemas of the five drafts, embedded so no <c>$schema</c> ever needs a network fetch.</summary>
internal static class EmbeddedMetaSchemas
{
    private static readonly Lazy<FrozenDictionary<string, JsonElement>> s_documents = new(Load);

    public static bool TryGet(string uri, out JsonElement document) => s_documents.Value.TryGetValue(uri, out document);

    private static FrozenDictionary<string, JsonElement> Load()
    {
        var assembly = typeof(EmbeddedMetaSchemas).Assembly;
        var documents = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("MetaSchemas/", StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement.Clone();
            if ((root.TryGetProperty("$id", out var id) || root.TryGetProperty("id", out id)) && id.ValueKind == JsonValueKind.String)
            {
                documents[UriTools.Normalize(id.GetString()!)] = root;
            }
        }

        return documents.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
