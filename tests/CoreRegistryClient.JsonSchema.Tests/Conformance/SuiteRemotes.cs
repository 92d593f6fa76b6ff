namespace CoreRegistryClient.JsonSchema.Tests.Conformance;

/// <summary>Serves the suite's <c>remotes/</c> folder as <c>http://localhost:1234/...</c> from disk, in memory:
/// the engine itself never fetches anything.</summary>
internal sealed class SuiteRemotes : ISchemaDocumentResolver
{
    public static SuiteRemotes Instance { get; } = new();

    private static readonly Lazy<Dictionary<string, string>> s_documents = new(Load);

    public string? Resolve(Uri documentUri)
    {
        ArgumentNullException.ThrowIfNull(documentUri);
        return s_documents.Value.GetValueOrDefault(documentUri.GetLeftPart(UriPartial.Path));
    }

    private static Dictionary<string, string> Load()
    {
        var root = SharedFiles.Path("json-schema-test-suite", "remotes");
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            documents["http://localhost:1234/" + relative] = File.ReadAllText(file);
        }

        return documents;
    }
}
