using CoreRegistryClient.Registry;
using CoreRegistryClient.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Tests.Registry;

/// <summary>A real <see cref="LoopbackRegistryServer"/> and the registry client wired through
/// <c>AddSchemaRegistryClient</c>, with captured logs, a recording observer and tiny retry delays.</summary>
internal sealed class RegistryClientHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private RegistryClientHarness(LoopbackRegistryServer server, ServiceProvider services, FakeLogCollector logs, RecordingCallObserver observer)
    {
        Server = server;
        _services = services;
        Logs = logs;
        Observer = observer;
        Client = services.GetRequiredService<ISchemaRegistryClient>();
    }

    public LoopbackRegistryServer Server { get; }

    public ISchemaRegistryClient Client { get; }

    public FakeLogCollector Logs { get; }

    public RecordingCallObserver Observer { get; }

    public InMemorySchemaRegistry Registry => Server.Registry;

    public IServiceProvider Services => _services;

    public const string FeedbackSchema = """{"type":"object","properties":{"score":{"type":"integer"}},"required":["score"]}""";

    public static async Task<RegistryClientHarness> StartAsync(
        Action<LoopbackRegistryServerOptions>? server = null,
        Action<SchemaEnforcementOptions>? options = null,
        Action<RegistryResilienceOptions>? resilience = null)
    {
        var serverOptions = new LoopbackRegistryServerOptions();
        server?.Invoke(serverOptions);
        var loopback = await LoopbackRegistryServer.StartAsync(serverOptions);

        var logs = new FakeLogCollector();
        var observer = new RecordingCallObserver();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<IRegistryCallObserver>(observer);
        services.Configure<SchemaEnforcementOptions>(o =>
        {
            o.RegistryUrl = loopback.BaseUri.ToString();
            o.Timeout = TimeSpan.FromSeconds(60);
            options?.Invoke(o);
        });
        services.Configure<RegistryResilienceOptions>(r =>
        {
            r.BaseDelay = TimeSpan.FromMilliseconds(1);
            r.MaxDelay = TimeSpan.FromMilliseconds(10);
            r.MaxRetryAfter = TimeSpan.FromMilliseconds(20);
            r.AttemptTimeout = TimeSpan.FromSeconds(30);
            // The breaker stays out of the way unless a test is about it.
            r.CircuitMinimumThroughput = 10_000;
            resilience?.Invoke(r);
        });
        services.AddSchemaRegistryClient();
        return new RegistryClientHarness(loopback, services.BuildServiceProvider(validateScopes: true), logs, observer);
    }

    public RegistryClientHarness WithFeedbackSchema(string track = "v1", string version = "1.0.0", string content = FeedbackSchema)
    {
        Registry.Add(track, "telemetry.FeedbackEvent", version, content);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
