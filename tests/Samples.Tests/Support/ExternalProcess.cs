using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>A long-running external program (a server the tests talk to) with a temp folder of its own; disposing
/// kills it and removes the folder, and is safe to repeat.</summary>
internal sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private ExternalProcess(Process process, string directory)
    {
        _process = process;
        Directory = directory;
    }

    /// <summary>The temp folder the program keeps its files in.</summary>
    public string Directory { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>A fresh temp folder named <paramref name="prefix"/>…, for <see cref="Start"/>.</summary>
    public static string CreateDirectory(string prefix) => System.IO.Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Starts <paramref name="binary"/> with its output drained (so it never blocks on a full pipe).</summary>
    public static ExternalProcess Start(string binary, string directory, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path.GetFileName(binary)}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ExternalProcess(process, directory);
    }

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
