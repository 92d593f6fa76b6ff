using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Cli.Tests;

/// <summary>Runs the built <c>core-registry</c> program as a separate process, as a shell or CI job does: stdout and
/// stderr redirected to pipes, or (with <c>terminal</c>) inside a pseudo-terminal made by util-linux <c>script</c>.</summary>
internal static class ToolProcess
{
    /// <summary>Variables of the machine that would change what the tool does; a test sets the ones it wants.</summary>
    public static readonly string[] ToolVariables = ["REGISTRY_URL", "REGISTRY_TOKEN", "REGISTRY_TRACK", "REGISTRY_TIMEOUT", "REGISTRY_ENFORCEMENT", "NO_COLOR", "GITHUB_ACTIONS", "TERM"];

    /// <summary>The apphost the build copies beside the tests.</summary>
    public static string Program { get; } = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "core-registry.exe" : "core-registry");

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, bool terminal, params string[] args)
    {
        var (program, arguments) = terminal
            ? ("script", new[] { "-qec", string.Join(' ', new[] { Program }.Concat(args).Select(Quote)), "/dev/null" })
            : (Program, args);
        var (exitCode, output, error) = await ExternalTool.RunAsync(program, arguments, new ProgramOptions { Environment = Clean(environment) });
        return new CliRun(exitCode, output, error);
    }

    /// <summary><paramref name="environment"/> over an environment without the machine's <see cref="ToolVariables"/>.</summary>
    public static Dictionary<string, string?> Clean(IReadOnlyDictionary<string, string?> environment)
    {
        var clean = ToolVariables.ToDictionary(name => name, _ => (string?)null);
        foreach (var (name, value) in environment)
        {
            clean[name] = value;
        }

        return clean;
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
