using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>A real redis-server process on a free loopback port, started for the tests and stopped after.
/// Nothing is persisted (<c>--save '' --appendonly no</c>) and it runs in its own temp directory.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private RedisServer(Process process, string directory, RedisEndpoint endpoint)
    {
        _process = process;
        _directory = directory;
        Endpoint = endpoint;
    }

    public RedisEndpoint Endpoint { get; }

    public static async Task<RedisServer> StartAsync()
    {
        var binary = ExternalTool.Require("redis-server", "redis-server");
        Exception? last = null;

        // A port found free can be taken before redis binds it; try a few.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreePort();
            var directory = Directory.CreateTempSubdirectory("redis-test-").FullName;
            var start = new ProcessStartInfo(binary)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory,
            };
            foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--dir", directory, "--daemonize", "no" })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new RedisServer(process, directory, new RedisEndpoint("127.0.0.1", port));
            try
            {
                await server.WaitUntilReadyAsync();
                return server;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                last = e;
                await server.DisposeAsync();
            }
        }

        throw new InvalidOperationException("redis-server did not start on a free loopback port after 5 attempts.", last);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        await using var connection = new RespConnection(Endpoint, new RespConnectionOptions { ConnectTimeout = TimeSpan.FromSeconds(2) });
        var client = new RedisStreamClient(connection);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new RedisConnectionException($"redis-server exited with code {_process.ExitCode} before accepting connections.");
            }

            try
            {
                if (await client.PingAsync() == "PONG")
                {
                    return;
                }
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
