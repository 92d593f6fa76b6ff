using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>A long-running external program (a server the tests talk to) with a temp folder of its own; disposing
/// kills it and removes the folder, and is safe to repeat.</summary>
internal sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();
    private bool _disposed;

    private ExternalProcess(Process process, string directory)
    {
        _process = process;
        Directory = directory;
    }

    /// <summary>The temp folder the program keeps its files in.</summary>
    public string Directory { get; }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Everything it wrote to standard output and error so far, line by line.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(line).Append('\n');
        }
    }

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
        var started = new ExternalProcess(process, directory);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to finish anything.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends a signal by name (<c>STOP</c>, <c>CONT</c>, <c>TERM</c>) with kill(1).</summary>
    public async Task SignalAsync(string signal)
    {
        var (exit, output) = await ExternalTool.RunAsync(ExternalTool.Require("kill", "procps"), ["-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.That(exit, Is.Zero, output);
    }

    /// <summary>SIGTERM (a graceful stop, as Kubernetes or Ctrl+C asks), then waits for it to exit.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        await SignalAsync("TERM");
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
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
