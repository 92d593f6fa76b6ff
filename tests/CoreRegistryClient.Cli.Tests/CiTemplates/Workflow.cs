using CoreRegistryClient.Samples.Tests.Support;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CoreRegistryClient.Cli.Tests.CiTemplates;

/// <summary>A GitHub Actions workflow file read with YamlDotNet: its jobs, their matrices and steps, and the
/// <c>${{ }}</c> expressions the tests substitute (matrix values, vars, secrets, github context).</summary>
internal sealed partial class Workflow
{
    private Workflow(string path, YamlMappingNode root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    public YamlMappingNode Root { get; }

    public string FileName => System.IO.Path.GetFileName(Path);

    public static string Directory => System.IO.Path.Combine(RepoPaths.Root, "samples", "ci", "github-actions");

    public static IEnumerable<string> Files() => System.IO.Directory.EnumerateFiles(Directory, "*.yml").Order(StringComparer.Ordinal);

    public static Workflow Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return new Workflow(path, (YamlMappingNode)stream.Documents[0].RootNode);
    }

    public static Workflow Named(string fileName) => Load(System.IO.Path.Combine(Directory, fileName));

    public IReadOnlyDictionary<string, YamlMappingNode> Jobs =>
        ((YamlMappingNode)Root["jobs"]).Children.ToDictionary(j => ((YamlScalarNode)j.Key).Value!, j => (YamlMappingNode)j.Value);

    public IReadOnlyDictionary<string, string> Env(YamlMappingNode? node = null) => Map(node ?? Root, "env");

    /// <summary>Every combination of the job's matrix (one empty combination without a matrix).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> MatrixOf(YamlMappingNode job)
    {
        IReadOnlyList<IReadOnlyDictionary<string, string>> combinations = [new Dictionary<string, string>()];
        if (!job.Children.TryGetValue("strategy", out var strategy) || !((YamlMappingNode)strategy).Children.TryGetValue("matrix", out var matrix))
        {
            return combinations;
        }

        foreach (var (key, values) in ((YamlMappingNode)matrix).Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            combinations = [.. combinations.SelectMany(c => ((YamlSequenceNode)values).Children.Select(v =>
                (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(c) { [name] = ((YamlScalarNode)v).Value! }))];
        }

        return combinations;
    }

    public static IReadOnlyList<YamlMappingNode> Steps(YamlMappingNode job) => [.. ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>()];

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static IReadOnlyDictionary<string, string> Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlMappingNode map
            ? map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value ?? "")
            : new Dictionary<string, string>();

    /// <summary>Replaces each <c>${{ name }}</c> with its value; an expression the test does not know fails the test,
    /// so a template cannot grow an expression nobody checked.</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        Expression().Replace(text, match => values.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new AssertionException($"The test does not know the expression '{match.Value}' in: {text}"));

    [GeneratedRegex(@"\$\{\{\s*([^}]+?)\s*\}\}")]
    private static partial Regex Expression();
}
