using CoreRegistryClient.Samples.Redis;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.LiveRedis;

/// <summary>Starts one real redis-server for every test in this namespace and stops it afterwards.
/// Tests isolate themselves by using fresh stream names.</summary>
[SetUpFixture]
public sealed class LiveRedisSetUp
{
    private static RedisServer? _server;

    public static RedisEndpoint Endpoint =>
        _server?.Endpoint ?? throw new InvalidOperationException("redis-server was not started.");

    [OneTimeSetUp]
    public async Task StartRedis() => _server = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopRedis()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
