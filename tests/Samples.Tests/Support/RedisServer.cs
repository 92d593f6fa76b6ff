using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>A real redis-server process on a free loopback port, started for the tests and stopped after.
/// Nothing is persisted (<c>--save '' --appendonly no</c>) and it runs in its own temp directory.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private RedisServer(ExternalProcess process, int port)
    {
        _process = process;
        Port = port;
        Endpoint = $"127.0.0.1:{port}";
    }

    public int Port { get; }

    /// <summary>The <c>--redis</c> value (a StackExchange.Redis configuration string) for this server.</summary>
    public string Endpoint { get; }

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
            var server = new RedisServer(ExternalProcess.Start(binary, directory, arguments, workingDirectory: directory), port);
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

    /// <summary>A connection of the test's own, for inspecting streams directly.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Endpoint);

    /// <summary>Stops the server and removes its folder; safe to call more than once.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new TimeoutException($"redis-server exited with code {_process.ExitCode} before answering.");
            }

            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { Endpoint }, ConnectTimeout = 2000, AbortOnConnectFail = true });
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
