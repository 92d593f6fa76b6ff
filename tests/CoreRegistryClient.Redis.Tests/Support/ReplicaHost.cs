using System.Diagnostics.Metrics;
using CoreRegistryClient.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StackExchange.Redis;

namespace CoreRegistryClient.Redis.Tests.Support;

/// <summary>A service replica in this process: the SDK against a loopback registry (index polling off unless asked)
/// with Redis schema notifications, captured logs and the notification counters.</summary>
internal sealed class ReplicaHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ReplicaHost(IHost host)
    {
        _host = host;
        Logs = host.Services.GetRequiredService<FakeLogCollector>();
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        Received = new MetricCollector<long>(meters, "CoreRegistryClient", "schema_notifications_received");
        Applied = new MetricCollector<long>(meters, "CoreRegistryClient", "schema_notifications_applied");
        Ignored = new MetricCollector<long>(meters, "CoreRegistryClient", "schema_notifications_ignored");
        Connected = new MetricCollector<int>(meters, "CoreRegistryClient", "schema_notification_bus_connected");
    }

    public ISchemaManager Schemas => _host.Services.GetRequiredService<ISchemaManager>();

    public FakeLogCollector Logs { get; }

    public MetricCollector<long> Received { get; }

    public MetricCollector<long> Applied { get; }

    public MetricCollector<long> Ignored { get; }

    public MetricCollector<int> Connected { get; }

    public static Task<ReplicaHost> StartAsync(LoopbackRegistryServer registry, string redis, string ns, int pollSeconds = 0,
        Action<RedisSchemaNotificationOptions>? configure = null) =>
        StartAsync(registry, ns, pollSeconds, (services, options) => services.AddRedisSchemaNotifications(redis, options), configure);

    /// <summary>A replica whose notifications read with the host's own <paramref name="shared"/> multiplexer (the
    /// overload without a connection string).</summary>
    public static Task<ReplicaHost> StartAsync(LoopbackRegistryServer registry, IConnectionMultiplexer shared, string ns) =>
        StartAsync(registry, ns, pollSeconds: 0, (services, options) => services.AddSingleton(shared).AddRedisSchemaNotifications(options), configure: null);

    private static async Task<ReplicaHost> StartAsync(LoopbackRegistryServer registry, string ns, int pollSeconds,
        Action<IServiceCollection, Action<RedisSchemaNotificationOptions>> addNotifications, Action<RedisSchemaNotificationOptions>? configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["REGISTRY_ENABLED"] = "true",
            ["REGISTRY_URL"] = registry.BaseUri.ToString(),
            ["REGISTRY_ENFORCEMENT"] = "warn",
            ["REGISTRY_POLL_SECONDS"] = pollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging();
        addNotifications(builder.Services.AddSchemaEnforcement(builder.Configuration), options =>
        {
            options.Namespace = ns;
            options.ReadInterval = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(options);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ReplicaHost(host);
    }

    /// <summary>Waits until validating <paramref name="schema"/> reports <paramref name="version"/>.</summary>
    public async Task WaitForVersionAsync(string schema, string version, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while ((await Schemas.ValidateAsync(schema, "{}"u8.ToArray())).Version != version)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{schema} did not switch to {version} in time; logs:\n{string.Join('\n', Logs.GetSnapshot().Select(r => $"{r.Id.Id} {r.Message}"))}");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until a log record with <paramref name="eventId"/> appears.</summary>
    public async Task WaitForLogAsync(int eventId, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (!Logs.GetSnapshot().Any(r => r.Id.Id == eventId))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"event {eventId} was not logged in time; logs:\n{string.Join('\n', Logs.GetSnapshot().Select(r => $"{r.Id.Id} {r.Message}"))}");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Received.Dispose();
        Applied.Dispose();
        Ignored.Dispose();
        Connected.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }
}
