using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.Operations;

/// <summary>Where the operations kit lives in the repository.</summary>
internal static class OperationsFiles
{
    public static string AlertsDirectory => Path.Combine(RepoPaths.Root, "docs", "alerts");

    public static string[] RuleFiles => Directory.GetFiles(AlertsDirectory, "*.rules.yml").Order(StringComparer.Ordinal).ToArray();

    public static string[] RuleTestFiles => Directory.GetFiles(Path.Combine(AlertsDirectory, "tests"), "*.test.yml").Order(StringComparer.Ordinal).ToArray();

    public static string Dashboard => Path.Combine(RepoPaths.Root, "docs", "dashboards", "schema-enforcement.json");

    public static string Runbooks => Path.Combine(RepoPaths.Root, "docs", "runbooks.md");

    public static string KubernetesDirectory => Path.Combine(RepoPaths.Root, "samples", "deploy", "k8s");

    public static string[] KubernetesFiles => Directory.GetFiles(KubernetesDirectory, "*.yaml").Order(StringComparer.Ordinal).ToArray();

    // TestCaseSource needs names relative to the repo so test names stay machine-independent.
    public static IEnumerable<string> RuleFileNames() => RuleFiles.Select(f => Path.GetRelativePath(RepoPaths.Root, f));

    public static IEnumerable<string> RuleTestFileNames() => RuleTestFiles.Select(f => Path.GetRelativePath(RepoPaths.Root, f));
}
