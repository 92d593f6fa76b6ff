using System.Diagnostics;

namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>Locates and runs the real external programs some tests need (redis-server, promtool).</summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH; fails the test with install advice if missing.</summary>
    public static string Require(string name, string debianPackage)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"'{name}' was not found on PATH. These tests run against the real program: install the Debian package '{debianPackage}' (apt-get install {debianPackage}); CI installs it from .ci/packages.txt.");
        throw new UnreachableException();
    }

    /// <summary>Runs a program to completion and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string path, IEnumerable<string> arguments, string? standardInput = null, TimeSpan? timeout = null)
    {
        var (exitCode, stdout, stderr) = await RunAsync(path, arguments, new ProgramOptions { StandardInput = standardInput, Timeout = timeout });
        return (exitCode, stdout + stderr);
    }

    /// <summary>Runs a program to completion in the given directory and environment (a null value removes a
    /// variable); returns its exit code, stdout and stderr. A program still running at the timeout is killed.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string path, IEnumerable<string> arguments, ProgramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (options.WorkingDirectory is not null)
        {
            start.WorkingDirectory = options.WorkingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in options.Environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (options.StandardInput is not null)
        {
            await process.StandardInput.WriteAsync(options.StandardInput);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(options.Timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(path)} did not finish in time.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
