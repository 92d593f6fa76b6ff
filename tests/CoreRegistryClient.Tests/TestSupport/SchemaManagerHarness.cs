using CoreRegistryClient.Caching;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;
using CoreRegistryClient.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Tests.TestSupport;

/// <summary>The SDK wired exactly as <c>AddSchemaEnforcement</c> wires it, over in-memory configuration (reloadable),
/// a registry of the test's choosing, a fake clock (its timers fire on <c>Advance</c>) and captured logs. Hosted services are not started: tests
/// drive the poller and the preloader directly.</summary>
internal sealed class SchemaManagerHarness : IDisposable
{
    private SchemaManagerHarness(IConfigurationRoot configuration, ISchemaRegistryClient registry, ServiceProvider services,
        FakeTimeProvider time, FakeLogCollector logs)
    {
        Configuration = configuration;
        RegistryClient = registry;
        Services = services;
        Time = time;
        Logs = logs;
    }

    public IConfigurationRoot Configuration { get; }

    public ISchemaRegistryClient RegistryClient { get; }

    public FakeRegistryClient Registry => (FakeRegistryClient)RegistryClient;

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public ISchemaManager Manager => Services.GetRequiredService<ISchemaManager>();

    public SchemaCache Cache => Services.GetRequiredService<SchemaCache>();

    public IndexPoller Poller => Services.GetRequiredService<IndexPoller>();

    public CriticalSchemaPreloader Preloader => Services.GetRequiredService<CriticalSchemaPreloader>();

    /// <summary>Over a fake registry: enabled, warn mode, a registry holding <see cref="TestSchemas.FeedbackEvent"/> on v1 unless told otherwise.</summary>
    public static SchemaManagerHarness Create(IDictionary<string, string?>? settings = null, ISchemaRegistryClient? registry = null, Action<IServiceCollection>? services = null)
    {
        if (registry is null)
        {
            var fake = new FakeRegistryClient();
            fake.Put("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
            registry = fake;
        }

        return Build(settings, collection =>
        {
            collection.AddSingleton(registry);
            services?.Invoke(collection);
        });
    }

    /// <summary>The real HTTP registry client against a loopback server, with short retry delays.</summary>
    public static SchemaManagerHarness CreateOverHttp(LoopbackRegistryServer server, IDictionary<string, string?>? settings = null,
        Action<RegistryResilienceOptions>? resilience = null)
    {
        var merged = new Dictionary<string, string?> { ["REGISTRY_URL"] = server.BaseUri.ToString(), ["REGISTRY_TIMEOUT"] = "10" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        return Build(merged, services => services.Configure<RegistryResilienceOptions>(defaults =>
        {
            defaults.MaxRetryAttempts = 1;
            defaults.BaseDelay = TimeSpan.FromMilliseconds(10);
            defaults.MaxDelay = TimeSpan.FromMilliseconds(50);
            defaults.AttemptTimeout = TimeSpan.FromSeconds(5);
            defaults.CircuitMinimumThroughput = 10_000; // drills test the cache through outages; the breaker has its own tests
        }).Configure<RegistryResilienceOptions>(options => resilience?.Invoke(options)));
    }

    private static SchemaManagerHarness Build(IDictionary<string, string?>? settings, Action<IServiceCollection> configure)
    {
        var merged = new Dictionary<string, string?>
        {
            ["REGISTRY_ENABLED"] = "true",
            ["REGISTRY_URL"] = "http://127.0.0.1:9/api/v1",
            ["REGISTRY_ENFORCEMENT"] = "warn",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(merged).Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var logs = new FakeLogCollector();
        var collection = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<TimeProvider>(time)
            .AddSchemaEnforcement(configuration);
        configure(collection);
        var services = collection.BuildServiceProvider();
        return new SchemaManagerHarness(configuration, services.GetRequiredService<ISchemaRegistryClient>(), services, time, logs);
    }

    /// <summary>Changes a configuration value and raises the reload, as a changed file or environment would.</summary>
    public void Reconfigure(string key, string? value)
    {
        Configuration[key] = value;
        Configuration.Reload();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public ValidationCounters Counters => Get<ValidationCounters>();

    public void Dispose() => Services.Dispose();
}
