using System.Text.Json;
using CoreRegistryClient.TestData;

namespace CoreRegistryClient.JsonSchema.Tests.Formats;

/// <summary>Reads the optional files of the official JSON-Schema-Test-Suite (located by <see cref="SharedFolder"/>).</summary>
internal static class OptionalSuiteFiles
{
    public static readonly string[] Drafts = ["draft4", "draft6", "draft7", "draft2019-09", "draft2020-12"];

    /// <summary>The suite's <c>tests</c> folder.</summary>
    public static string TestsRoot { get; } = SharedFolder.Path("json-schema-test-suite", "tests");

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
}
