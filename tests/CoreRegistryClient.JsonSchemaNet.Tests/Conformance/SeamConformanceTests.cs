using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using CoreRegistryClient.JsonSchema.Tests.Conformance;
using CoreRegistryClient.JsonSchema.Tests.Differential;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.JsonSchemaNet.Tests.Conformance;

/// <summary>The official suite's required tests THROUGH THE SDK SEAM (<see cref="ISchemaValidatorFactory"/> as
/// <c>AddSchemaEnforcement</c> registers it, and as <c>UseJsonSchemaNet</c> replaces it), counted per draft and backend;
/// the counts must be those docs/sdk.md publishes ("Validator backends"), so the documentation cannot drift.</summary>
[TestFixture]
[Category("Conformance")]
public sealed partial class SeamConformanceTests
{
    private static readonly Lazy<IReadOnlyDictionary<(string Backend, string Draft), (int Passed, int Total, List<SuiteCase> Failed)>> s_runs = new(RunAll);

    [Test]
    public void The_documented_conformance_table_is_what_each_backend_passes_through_the_seam()
    {
        var documented = DocumentedTable();
        var measured = s_runs.Value;
        var table = string.Join("\n", SuiteLoader.Drafts.Select(d =>
            $"| {d.Directory} | {Cell(measured[("CoreRegistryClient.JsonSchema", d.Directory)])} | {Cell(measured[("JsonSchema.Net", d.Directory)])} |"));
        Assert.That(documented, Is.EqualTo(table), "docs/sdk.md, 'Validator backends', should read:\n" + table);
    }

    [Test]
    public void The_default_backend_passes_every_required_test_through_the_seam()
    {
        var failed = SuiteLoader.Drafts.SelectMany(d => s_runs.Value[("CoreRegistryClient.JsonSchema", d.Directory)].Failed).Select(c => c.Name).ToList();
        Assert.That(failed, Is.Empty, string.Join("\n", failed));
    }

    [Test]
    public void Every_JsonSchema_Net_failure_beyond_draft_4_is_a_listed_known_difference()
    {
        var unlisted = SuiteLoader.Drafts.Where(d => d.Directory != "draft4")
            .SelectMany(d => s_runs.Value[("JsonSchema.Net", d.Directory)].Failed)
            .Where(c => !KnownDifferences.Covers(c)).Select(c => c.Name).ToList();
        Assert.That(unlisted, Is.Empty, string.Join("\n", unlisted));
    }

    [Test]
    public void JsonSchema_Net_refuses_every_draft_4_schema()
        => Assert.That(s_runs.Value[("JsonSchema.Net", "draft4")].Passed, Is.Zero);

    private static string Cell((int Passed, int Total, List<SuiteCase> Failed) run) => $"{run.Passed}/{run.Total}";

    private static Dictionary<(string, string), (int, int, List<SuiteCase>)> RunAll()
    {
        var results = new Dictionary<(string, string), (int, int, List<SuiteCase>)>();
        foreach (var backend in new[] { Backend(useJsonSchemaNet: false), Backend(useJsonSchemaNet: true) })
        {
            foreach (var (directory, _) in SuiteLoader.Drafts)
            {
                var cases = SuiteLoader.Required(directory).ToList();
                var compiled = new ConcurrentDictionary<(string, int), ISchemaValidator?>();
                var failed = new ConcurrentBag<SuiteCase>();
                Parallel.ForEach(cases, test =>
                {
                    if (!Passes(backend, compiled, test)) failed.Add(test);
                });
                results[(backend.Name, directory)] = (cases.Count - failed.Count, cases.Count, [.. failed.OrderBy(c => c.Name, StringComparer.Ordinal)]);
            }
        }

        return results;
    }

    private static bool Passes(ISchemaValidatorFactory backend, ConcurrentDictionary<(string, int), ISchemaValidator?> compiled, SuiteCase test)
    {
        var validator = compiled.GetOrAdd((test.File, test.Group), _ =>
        {
            try
            {
                return backend.Compile(test.Schema, new SchemaValidatorOptions
                {
                    DefaultMetaSchema = MetaSchemaOf(test.DraftDirectory),
                    DocumentResolver = SuiteRemotes.Instance.Resolve,
                });
            }
            catch (SchemaCompilationException)
            {
                return null;
            }
        });
        if (validator is null) return false;
        try
        {
            var result = validator.Validate(JsonMarshal.GetRawUtf8Value(test.Data), SchemaOutputFormat.ListIfInvalid);
            return result.IsValid == test.Valid && (result.IsValid || result.Errors.Count > 0);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false; // the SDK counts a backend that throws as an unavailable schema, never as a verdict
        }
    }

    private static Uri MetaSchemaOf(string draftDirectory) => new(draftDirectory switch
    {
        "draft4" => "http://json-schema.org/draft-04/schema#",
        "draft6" => "http://json-schema.org/draft-06/schema#",
        "draft7" => "http://json-schema.org/draft-07/schema#",
        "draft2019-09" => "https://json-schema.org/draft/2019-09/schema",
        _ => "https://json-schema.org/draft/2020-12/schema",
    });

    private static ISchemaValidatorFactory Backend(bool useJsonSchemaNet)
    {
        var services = new ServiceCollection().AddSchemaEnforcement(_ => { });
        if (useJsonSchemaNet) services.UseJsonSchemaNet();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ISchemaValidatorFactory>();
    }

    /// <summary>The table rows of docs/sdk.md between its conformance markers.</summary>
    private static string DocumentedTable()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "sdk.md"));
        var match = TableMarkers().Match(text);
        Assert.That(match.Success, Is.True, "docs/sdk.md has no <!-- conformance:begin --> ... <!-- conformance:end --> table");
        return string.Join("\n", match.Groups[1].Value.Split('\n').Select(l => l.Trim())
            .Where(l => DraftRow().IsMatch(l)));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoreRegistryClient.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("No folder holding CoreRegistryClient.sln above the test output.");
    }

    [GeneratedRegex(@"<!-- conformance:begin -->(.*?)<!-- conformance:end -->", RegexOptions.Singleline)]
    private static partial Regex TableMarkers();

    [GeneratedRegex(@"^\| draft[0-9]")]
    private static partial Regex DraftRow();
}
