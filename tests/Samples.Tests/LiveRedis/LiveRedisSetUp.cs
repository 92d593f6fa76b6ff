using CoreRegistryClient.Samples.Tests.Support;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Tests.LiveRedis;

/// <summary>Starts one real redis-server for every test in this namespace and stops it afterwards.
/// Tests isolate themselves by using fresh stream names.</summary>
[SetUpFixture]
public sealed class LiveRedisSetUp
{
    private static RedisServer? _server;
    private static ConnectionMultiplexer? _inspector;

    /// <summary>The <c>--redis</c> value of the shared server.</summary>
    public static string Endpoint =>
        _server?.Endpoint ?? throw new InvalidOperationException("redis-server was not started.");

    /// <summary>A connection for tests to look at what the samples wrote, independently of the bus under test.</summary>
    public static IDatabase Inspect =>
        _inspector?.GetDatabase() ?? throw new InvalidOperationException("redis-server was not started.");

    [OneTimeSetUp]
    public async Task StartRedis()
    {
        _server = await RedisServer.StartAsync();
        _inspector = await _server.ConnectAsync();
    }

    [OneTimeTearDown]
    public async Task StopRedis()
    {
        if (_inspector is not null)
        {
            await _inspector.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
