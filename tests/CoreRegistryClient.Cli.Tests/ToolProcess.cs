using System.Diagnostics;

namespace CoreRegistryClient.Cli.Tests;

/// <summary>Runs the built <c>core-registry</c> program as a separate process, as a shell or CI job does: stdout and
/// stderr redirected to pipes, or (with <c>terminal</c>) inside a pseudo-terminal made by util-linux <c>script</c>.</summary>
internal static class ToolProcess
{
    /// <summary>The apphost the build copies beside the tests.</summary>
    public static string Program { get; } = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "core-registry.exe" : "core-registry");

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, bool terminal, params string[] args)
    {
        var start = terminal
            ? new ProcessStartInfo("script") { ArgumentList = { "-qec", string.Join(' ', new[] { Program }.Concat(args).Select(Quote)), "/dev/null" } }
            : new ProcessStartInfo(Program);
        if (!terminal)
        {
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        foreach (var name in new[] { "REGISTRY_URL", "REGISTRY_TOKEN", "REGISTRY_TRACK", "REGISTRY_TIMEOUT", "REGISTRY_ENFORCEMENT", "NO_COLOR", "GITHUB_ACTIONS", "TERM" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliRun(process.ExitCode, await output, await error);
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
