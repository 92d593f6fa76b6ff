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
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(path)} did not finish in time.");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
