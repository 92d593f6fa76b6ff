using CoreRegistryClient.Samples.Tests.Support;
using CoreRegistryClient.TestData;

namespace CoreRegistryClient.Cli.Tests.Repository;

/// <summary>A fresh clone of this repository as someone gets it from a forge, in a folder of its own: whether a project
/// is shipped depends on where it sits in the repository, not on the clone's path (a clone under <c>~/latests/</c> still
/// packs), and the tests that need the shared test data find it through <c>CRC_SHARED_DIR</c> or stop once saying what
/// is missing.</summary>
[NonParallelizable]
public class FreshCloneTests
{
    private TempDirectory _dir = null!;
    private string _clone = "";
    private Task<(int ExitCode, string Output)>? _packed;

    [OneTimeSetUp]
    public async Task CloneAsync()
    {
        _dir = new TempDirectory();
        _clone = Path.Combine(_dir.Path, "latests", "samples-and-benchmarks", "CoreRegistryClient");
        var cloned = await RunAsync("git", _dir.Path, null, "clone", "--quiet", "--no-hardlinks", RepoPaths.Root, _clone);
        Assert.That(cloned.ExitCode, Is.Zero, cloned.Output);
    }

    [OneTimeTearDown]
    public void RemoveClone() => _dir.Dispose();

    [Test]
    public async Task A_clone_under_a_path_containing_tests_samples_and_benchmarks_still_packs_its_packages()
    {
        var clone = _clone;

        foreach (var (project, shipped) in new[]
        {
            ("src/CoreRegistryClient.JsonSchema", true), ("src/CoreRegistryClient", true), ("src/CoreRegistryClient.Cli", true), ("src/CoreRegistryClient.Testing", true),
            ("tests/CoreRegistryClient.Cli.Tests", false), ("samples/Pipeline.Sample", false), ("benchmarks/CoreRegistryClient.Benchmarks", false),
        })
        {
            var evaluated = await RunAsync("dotnet", clone, null, "msbuild", project, "-getProperty:IsPackable", "-nodeReuse:false");
            Assert.That(evaluated.Output.Trim(), Is.EqualTo(shipped ? "true" : "false"), $"{project} IsPackable in {clone}: {evaluated.Output}");
        }

        var packed = await PackJsonSchemaAsync();

        Assert.That(packed.ExitCode, Is.Zero, packed.Output);
        Assert.That(Directory.GetFiles(Path.Combine(clone, "out"), "CoreRegistryClient.JsonSchema.*.nupkg"), Is.Not.Empty, packed.Output);
    }

    [Test]
    public async Task A_package_packed_from_a_clone_without_a_forge_origin_carries_its_own_readme_the_meta_schema_licence_and_the_project_urls()
    {
        var packed = await PackJsonSchemaAsync();
        Assert.That(packed.ExitCode, Is.Zero, packed.Output);

        using var package = System.IO.Compression.ZipFile.OpenRead(Directory.GetFiles(Path.Combine(_clone, "out"), "CoreRegistryClient.JsonSchema.*.nupkg").Single());
        var entries = package.Entries.Select(e => e.FullName).ToList();
        var readme = Read(package, "README.md");
        var nuspec = System.Xml.Linq.XDocument.Parse(Read(package, "CoreRegistryClient.JsonSchema.nuspec"));
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Metadata(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
        string? RepositoryUrl() => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository")?.Attribute("url")?.Value;

        Assert.Multiple(() =>
        {
            Assert.That(entries, Does.Contain("licenses/json-schema-metaschemas-LICENSE.txt"));
            Assert.That(Metadata("readme"), Is.EqualTo("README.md"));
            Assert.That(readme, Does.StartWith("# CoreRegistryClient.JsonSchema"), "the package's own README, not the repository's");
            Assert.That(readme, Does.Not.Contain("](docs/"), "no link relative to the repository");
            // The clone's origin is a local path: the URLs come from Directory.Build.props, not from git.
            Assert.That(Metadata("projectUrl"), Is.EqualTo("https://github.com/core-registry/CoreRegistryClient"));
            Assert.That(RepositoryUrl(), Is.EqualTo("https://github.com/core-registry/CoreRegistryClient"));
        });
    }

    /// <summary>Packs the JSON Schema library of the clone once for the tests that look at the package.</summary>
    private Task<(int ExitCode, string Output)> PackJsonSchemaAsync() =>
        _packed ??= RunAsync("dotnet", _clone, null, "pack", "src/CoreRegistryClient.JsonSchema", "-c", "Release", "-o", Path.Combine(_clone, "out"), "-nodeReuse:false");

    private static string Read(System.IO.Compression.ZipArchive package, string entry)
    {
        using var reader = new StreamReader(package.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    [Test]
    public async Task Tests_find_the_shared_data_through_CRC_SHARED_DIR_and_stop_once_naming_what_is_missing()
    {
        // The data somewhere that is not ../shared beside the clone.
        var elsewhere = Path.Combine(_dir.Path, "data", "crc-shared");
        foreach (var folder in new[] { "canonical-json-vectors", "bench-corpus" })
        {
            CopyDirectory(SharedFolder.Path(folder), Path.Combine(elsewhere, folder));
        }

        string[] test = ["test", "tests/CoreRegistryClient.Tests", "-c", "Release", "--filter", "FullyQualifiedName~CanonicalJsonVectorTests", "-nodeReuse:false"];
        var found = await RunAsync("dotnet", _clone, new Dictionary<string, string> { ["CRC_SHARED_DIR"] = elsewhere }, test);
        var missing = await RunAsync("dotnet", _clone, new Dictionary<string, string> { ["CRC_SHARED_DIR"] = Path.Combine(_dir.Path, "nowhere") }, [.. test, "--no-build"]);

        Assert.That(found.ExitCode, Is.Zero, found.Output);
        Assert.That(found.Output, Does.Match(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9]"), found.Output);
        Assert.That(missing.ExitCode, Is.Not.Zero, missing.Output);
        var errors = missing.Output.Split('\n').Where(l => l.Contains("needs shared test data that is not there", StringComparison.Ordinal)).Distinct().ToList();
        Assert.That(errors, Has.Count.EqualTo(1), missing.Output);
        Assert.That(errors[0], Does.Contain("canonical-json-vectors").And.Contain("CRC_SHARED_DIR").And.Contain("nowhere"));
        Assert.That(missing.Output, Does.Not.Contain("Passed!").And.Not.Contain("Failed!"), "no test ran");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        // The test host runs inside an MSBuild/VSTest environment; the nested build starts from a clean one.
        var clean = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(n => n.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || n.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            .Concat(["CRC_SHARED_DIR", "JSON_SCHEMA_TEST_SUITE"])
            .ToDictionary(n => n, _ => (string?)null);
        clean["MSBUILDDISABLENODEREUSE"] = "1";
        clean["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        clean["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            clean[name] = value;
        }

        var (exitCode, output, error) = await ExternalTool.RunAsync(program, arguments,
            new ProgramOptions { WorkingDirectory = workingDirectory, Environment = clean, Timeout = TimeSpan.FromMinutes(10) });
        return (exitCode, output + error);
    }
}
