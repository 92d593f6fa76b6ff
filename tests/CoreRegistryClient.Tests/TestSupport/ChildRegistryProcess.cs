using System.Diagnostics;

namespace CoreRegistryClient.Tests.TestSupport;

/// <summary>The loopback registry in a child process (<c>core-registry serve-test-registry --port 0</c>), as a real
/// registry is: its own I/O does not share the test's thread pool.</summary>
internal sealed class ChildRegistryProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private ChildRegistryProcess(Process process, string directory, Uri baseUri)
    {
        _process = process;
        _directory = directory;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>Starts a registry serving each schema at version <c>2.0.0</c> on track <c>v2</c>, and waits until it listens.
    /// With <paramref name="keepAliveSeconds"/>, it closes connections idle that long (<c>--keep-alive</c>).</summary>
    public static async Task<ChildRegistryProcess> StartAsync(IReadOnlyDictionary<string, string> schemas, int? keepAliveSeconds = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "crc-child-registry-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "v2"));
        foreach (var (name, content) in schemas)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "v2", name + "@2.0.0.json"), content);
        }

        // The CLI is built beside the tests (a project reference).
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "exec", Path.Combine(AppContext.BaseDirectory, "core-registry.dll"),
            "serve-test-registry", "--schemas", directory, "--port", "0",
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (keepAliveSeconds is { } seconds)
        {
            start.ArgumentList.Add("--keep-alive");
            start.ArgumentList.Add(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The registry process did not start.");
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                const string Marker = "listening on ";
                var at = line.IndexOf(Marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    return new ChildRegistryProcess(process, directory, new Uri(line[(at + Marker.Length)..].Split(' ')[0]));
                }
            }

            throw new InvalidOperationException("The registry process ended without listening: " + await process.StandardError.ReadToEndAsync(deadline.Token));
        }
        catch
        {
            Stop(process, directory);
            throw;
        }
    }

    public void Dispose() => Stop(_process, _directory);

    private static void Stop(Process process, string directory)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
