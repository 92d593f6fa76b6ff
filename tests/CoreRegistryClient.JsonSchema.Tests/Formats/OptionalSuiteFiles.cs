using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Tests.Formats;

/// <summary>Reads the official JSON-Schema-Test-Suite from <c>../shared</c> beside the repository root.</summary>
internal static class OptionalSuiteFiles
{
    public static readonly string[] Drafts = ["draft4", "draft6", "draft7", "draft2019-09", "draft2020-12"];

    /// <summary>The suite's <c>tests</c> folder.</summary>
    public static string TestsRoot { get; } = Path.Combine(FindRepositoryRoot(), "..", "shared", "json-schema-test-suite", "tests");

    /// <summary>Every optional/format file of every draft, as (draft, file name, parsed document).</summary>
    public static IEnumerable<(string Draft, string File, JsonElement Groups)> FormatFiles()
    {
        foreach (var draft in Drafts)
        {
            var folder = Path.Combine(TestsRoot, draft, "optional", "format");
            foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                yield return (draft, Path.GetFileName(path), Load(path));
            }
        }
    }

    /// <summary>One optional file of every draft that has it.</summary>
    public static IEnumerable<(string Draft, JsonElement Groups)> OptionalFile(string fileName)
    {
        foreach (var draft in Drafts)
        {
            var path = Path.Combine(TestsRoot, draft, "optional", fileName);
            if (File.Exists(path))
            {
                yield return (draft, Load(path));
            }
        }
    }

    private static JsonElement Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { TestContext.CurrentContext.TestDirectory, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CoreRegistryClient.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("CoreRegistryClient.sln was not found above the test directory.");
    }
}
