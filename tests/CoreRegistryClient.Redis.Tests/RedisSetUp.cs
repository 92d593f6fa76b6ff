using CoreRegistryClient.Samples.Tests.Support;
using StackExchange.Redis;

namespace CoreRegistryClient.Redis.Tests;

/// <summary>One real redis-server on a free loopback port for every test here; tests isolate themselves with fresh
/// namespaces.</summary>
[SetUpFixture]
public sealed class RedisSetUp
{
    private static RedisServer? _server;
    private static ConnectionMultiplexer? _inspector;

    public static string Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("redis-server was not started.");

    /// <summary>A connection of the test's own, to write events and look at streams.</summary>
    public static IDatabase Database => _inspector?.GetDatabase() ?? throw new InvalidOperationException("redis-server was not started.");

    /// <summary>Drops every connection but the test's own, as a network blip or a Redis failover would.</summary>
    public static Task DropOtherConnectionsAsync() => Database.ExecuteAsync("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");

    [OneTimeSetUp]
    public async Task StartRedis()
    {
        _server = await RedisServer.StartAsync();
        // Admin mode: the reconnect tests drop the replicas' connections with CLIENT KILL.
        _inspector = await ConnectionMultiplexer.ConnectAsync(_server.Endpoint + ",allowAdmin=true");
    }

    [OneTimeTearDown]
    public async Task StopRedis()
    {
        if (_inspector is not null) await _inspector.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }

    public static string FreshNamespace() => "t" + Guid.NewGuid().ToString("N")[..10];
}
