using YamlDotNet.RepresentationModel;

namespace CoreRegistryClient.Samples.Tests.Operations;

/// <summary>Reads the operations kit's YAML (rules, rule tests, manifests) as a tree, so tests assert parsed values
/// rather than search text.</summary>
internal static class YamlDocuments
{
    public static YamlMappingNode Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static YamlNode? Get(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Text(this YamlMappingNode node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    public static YamlMappingNode Map(this YamlMappingNode node, string key) => (YamlMappingNode)(node.Get(key) ?? throw new KeyNotFoundException(key));

    public static IEnumerable<YamlMappingNode> Items(this YamlMappingNode node, string key) =>
        node.Get(key) is YamlSequenceNode sequence ? sequence.Children.Cast<YamlMappingNode>() : [];

    public static IReadOnlyDictionary<string, string> Scalars(this YamlMappingNode? node) =>
        node is null
            ? new Dictionary<string, string>()
            : node.Children.Where(c => c.Value is YamlScalarNode).ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value ?? "", StringComparer.Ordinal);
}
