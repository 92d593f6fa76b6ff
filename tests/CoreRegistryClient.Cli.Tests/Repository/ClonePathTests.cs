using System.Diagnostics;

namespace CoreRegistryClient.Cli.Tests.Repository;

/// <summary>Whether a project is shipped depends on where it sits in the repository, not on the clone's own path: a
/// clone under <c>~/latests/</c> (or any folder whose name contains tests, samples or benchmarks) still packs.</summary>
public class ClonePathTests
{
    [Test]
    public async Task A_clone_under_a_path_containing_tests_samples_and_benchmarks_still_packs_its_packages()
    {
        using var dir = new TempDirectory();
        var clone = Path.Combine(dir.Path, "latests", "samples-and-benchmarks", "CoreRegistryClient");
        var cloned = await RunAsync("git", dir.Path, "clone", "--quiet", "--no-hardlinks", RepositoryRoot.Path, clone);
        Assert.That(cloned.ExitCode, Is.Zero, cloned.Output);

        foreach (var (project, shipped) in new[]
        {
            ("src/CoreRegistryClient.JsonSchema", true), ("src/CoreRegistryClient", true), ("src/CoreRegistryClient.Cli", true), ("src/CoreRegistryClient.Testing", true),
            ("tests/CoreRegistryClient.Cli.Tests", false), ("samples/Pipeline.Sample", false), ("benchmarks/CoreRegistryClient.Benchmarks", false),
        })
        {
            var evaluated = await RunAsync("dotnet", clone, "msbuild", project, "-getProperty:IsPackable", "-nodeReuse:false");
            Assert.That(evaluated.Output.Trim(), Is.EqualTo(shipped ? "true" : "false"), $"{project} IsPackable in {clone}: {evaluated.Output}");
        }

        var packed = await RunAsync("dotnet", clone, "pack", "src/CoreRegistryClient.JsonSchema", "-c", "Release", "-o", Path.Combine(clone, "out"), "-nodeReuse:false");

        Assert.That(packed.ExitCode, Is.Zero, packed.Output);
        Assert.That(Directory.GetFiles(Path.Combine(clone, "out"), "CoreRegistryClient.JsonSchema.*.nupkg"), Is.Not.Empty, packed.Output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs inside an MSBuild/VSTest environment; the nested build must start from a clean one.
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || n.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)))
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
