using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>A real redis-server process on a free loopback port, started for the tests and stopped after.
/// Nothing is persisted (<c>--save '' --appendonly no</c>) and it runs in its own temp directory.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private RedisServer(ExternalProcess process, RedisEndpoint endpoint)
    {
        _process = process;
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
            var port = ExternalProcess.FreePort();
            var directory = ExternalProcess.CreateDirectory("redis-test-");
            string[] arguments = ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--dir", directory, "--daemonize", "no"];
            var server = new RedisServer(ExternalProcess.Start(binary, directory, arguments, workingDirectory: directory), new RedisEndpoint("127.0.0.1", port));
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

    /// <summary>Stops the server and removes its folder; safe to call more than once.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

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
