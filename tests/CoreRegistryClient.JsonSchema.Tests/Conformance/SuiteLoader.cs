using System.Collections.Concurrent;
using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Tests.Conformance;

/// <summary>Reads the suite's test files and compiles each group's schema once (cached), not once per instance.</summary>
internal static class SuiteLoader
{
    public static readonly (string Directory, SchemaDraft Draft)[] Drafts =
    [
        ("draft4", SchemaDraft.Draft4),
        ("draft6", SchemaDraft.Draft6),
        ("draft7", SchemaDraft.Draft7),
        ("draft2019-09", SchemaDraft.Draft201909),
        ("draft2020-12", SchemaDraft.Draft202012),
    ];

    private static readonly ConcurrentDictionary<(string, string, int, bool), Lazy<(JsonSchemaValidator? Validator, Exception? Error)>> s_compiled = new();

    public static IEnumerable<SuiteCase> Required(string draftDirectory)
    {
        var draft = Drafts.Single(d => d.Directory == draftDirectory).Draft;
        var directory = SharedFiles.Path("json-schema-test-suite", "tests", draftDirectory);
        return Directory.EnumerateFiles(directory, "*.json", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .SelectMany(f => Read(draftDirectory, draft, directory, f, formatAssertion: false));
    }

    public static IEnumerable<SuiteCase> Optional(string draftDirectory)
    {
        var draft = Drafts.Single(d => d.Directory == draftDirectory).Draft;
        var directory = SharedFiles.Path("json-schema-test-suite", "tests", draftDirectory);
        var optional = Path.Combine(directory, "optional");
        return Directory.EnumerateFiles(optional, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(f => Read(draftDirectory, draft, directory, f,
                formatAssertion: Path.GetRelativePath(optional, f).StartsWith("format", StringComparison.Ordinal)));
    }

    public static JsonSchemaValidator Compile(SuiteCase test)
    {
        var lazy = s_compiled.GetOrAdd((test.DraftDirectory, test.File, test.Group, test.FormatAssertion), _ => new(() =>
        {
            try
            {
                var compiler = new JsonSchemaCompiler(new JsonSchemaOptions
                {
                    DefaultDraft = test.Draft,
                    DocumentResolver = SuiteRemotes.Instance,
                    FormatAssertion = test.FormatAssertion,

                    // The suite's optional content tests are the assertion behaviour a validator may offer.
                    ContentAssertion = test.File == "optional/content",

                    // The budget is wall-clock: on a loaded CI box a starved thread can pass 100 ms mid-match.
                    RegexBudget = TimeSpan.FromSeconds(10),
                });
                return (compiler.Compile(test.Schema), null);
            }
            catch (InvalidSchemaException e)
            {
                return (null, e);
            }
        }));
        var (validator, error) = lazy.Value;
        return validator ?? throw new AssertionException($"The schema did not compile: {error!.Message}", error);
    }

    private static IEnumerable<SuiteCase> Read(string draftDirectory, SchemaDraft draft, string root, string file, bool formatAssertion)
    {
        var name = Path.ChangeExtension(Path.GetRelativePath(root, file), null).Replace('\\', '/');
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var groups = document.RootElement.Clone();
        var g = 0;
        foreach (var group in groups.EnumerateArray())
        {
            var groupDescription = group.GetProperty("description").GetString()!;
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                yield return new SuiteCase(draftDirectory, draft, name, g, groupDescription, group.GetProperty("schema"),
                    test.GetProperty("description").GetString()!, test.GetProperty("data"), test.GetProperty("valid").GetBoolean(), formatAssertion);
            }

            g++;
        }
    }
}
