using System.Text.RegularExpressions;
using CoreRegistryClient.Samples.Tests.Support;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Samples.Tests.Quickstart;

/// <summary>samples/Quickstart is the README's "Use it in a service" word for word, and it runs: against a registry
/// serving samples/schemas it validates one payload and reports the other, as the README says.</summary>
public partial class QuickstartTests
{
    private static string ProgramFile => Path.Combine(RepoPaths.Root, "samples", "Quickstart", "Program.cs");

    [Test]
    public void The_README_snippet_is_the_quickstart_program_verbatim()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("## Use it in a service", StringComparison.Ordinal)..];
        var snippet = Snippet().Match(section);

        Assert.That(snippet.Success, "a ```csharp block under '## Use it in a service'");
        Assert.That(snippet.Groups[1].Value, Is.EqualTo(File.ReadAllText(ProgramFile).ReplaceLineEndings("\n")));
    }

    [Test]
    public async Task The_quickstart_validates_against_a_registry_in_warn_mode_and_carries_on()
    {
        await using var registry = await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { SchemaDirectory = SampleRun.SchemaDirectory });
        var (exitCode, output) = await RunQuickstartAsync(registry, "warn");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("telemetry.FeedbackEvent (v2 2.0.0): Valid, mode Warn").Or.Contain("telemetry.FeedbackEvent (v1 1.1.2): Valid, mode Warn"), output);
        Assert.That(output, Does.Match(@"telemetry\.FeedbackEvent \(v[12] [0-9.]+\): Invalid, mode Warn, [1-9]\d* error\(s\)"), output);
    }

    [Test]
    public async Task The_quickstart_rejects_the_invalid_payload_in_strict_mode()
    {
        await using var registry = await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { SchemaDirectory = SampleRun.SchemaDirectory });
        var (exitCode, output) = await RunQuickstartAsync(registry, "strict");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("Valid, mode Strict").And.Contain("rejected: "), output);
    }

    private static async Task<(int ExitCode, string Output)> RunQuickstartAsync(LoopbackRegistryServer registry, string mode)
    {
        // The quickstart's own build output (the project reference builds it in the tests' configuration), as
        // `dotnet run --project samples/Quickstart` would run it.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var directory = Path.Combine(RepoPaths.Root, "samples", "Quickstart", "bin", testOutput.Parent!.Name, testOutput.Name);
        var (exitCode, output, error) = await ExternalTool.RunAsync(Path.Combine(directory, OperatingSystem.IsWindows() ? "Quickstart.exe" : "Quickstart"), [], new ProgramOptions
        {
            WorkingDirectory = directory,
            Environment = new Dictionary<string, string?>
            {
                ["REGISTRY_ENABLED"] = "true",
                ["REGISTRY_URL"] = registry.BaseUri.ToString(),
                ["REGISTRY_ENFORCEMENT"] = mode,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        });
        return (exitCode, output + error);
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Snippet();
}
