using System.Text.Json;
using CoreRegistryClient.Testing;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.Tests.Caching;

/// <summary>Start-up without critical schemas: one registry call opens the connection a first cold miss reuses, and the
/// load path is warmed (compiled) without the registry, both within the start-up budget.</summary>
public class CriticalSchemaPreloaderTests
{
    private LoopbackRegistryServer _server = null!;

    [SetUp]
    public async Task StartRegistry() => _server = await LoopbackRegistryServer.StartAsync();

    [TearDown]
    public async Task StopRegistry() => await _server.DisposeAsync();

    [Test]
    public async Task Without_critical_schemas_start_up_asks_the_registry_once()
    {
        using var harness = SchemaManagerHarness.CreateOverHttp(_server);

        await harness.Preloader.StartAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_server.RequestCount("/health"), Is.EqualTo(1));
            Assert.That(_server.RequestCount(), Is.EqualTo(1), "nothing else is asked");
        });
    }

    [Test]
    public async Task A_registry_that_does_not_answer_holds_start_up_no_longer_than_the_start_up_budget()
    {
        _server.Hang = true;
        using var harness = SchemaManagerHarness.CreateOverHttp(_server, new Dictionary<string, string?> { ["SchemaEnforcement:PreloadTimeout"] = "2" });

        var start = harness.Preloader.StartAsync(CancellationToken.None);
        Assert.That(() => _server.RequestCount("/health"), Is.EqualTo(1).After(30_000, 20));
        Assert.That(start.IsCompleted, Is.False, "start-up waits within its budget");
        harness.Time.Advance(TimeSpan.FromSeconds(2)); // the budget, on the host's clock

        Assert.That(() => start.WaitAsync(TimeSpan.FromSeconds(30)), Throws.Nothing, "start-up goes on, and does not fail");
    }

    [Test]
    public async Task Start_up_warms_the_load_path_once_with_the_configured_backend_and_asks_the_registry_nothing_for_it()
    {
        var backend = new CountingValidatorFactory();
        using var harness = SchemaManagerHarness.Create(services: services => services.AddSingleton<ISchemaValidatorFactory>(backend));

        await harness.Preloader.StartAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(harness.Logs.WithEventId(1025).Count(), Is.EqualTo(1), "LoadPathWarmed, before start-up returns");
            Assert.That(backend.Compiled, Is.EqualTo(1), "one built-in schema compiled by the backend loads use");
            Assert.That(harness.Registry.Requests, Is.EqualTo(new[] { "GET /health" }), "the warm-up is local");
            Assert.That(harness.Cache.TryGetEntry("warmup.Sample", out _), Is.False, "nothing is cached");
        });
    }

    [Test]
    public async Task A_warm_up_that_fails_is_logged_and_start_up_goes_on()
    {
        using var harness = SchemaManagerHarness.Create(services: services => services.AddSingleton<ISchemaValidatorFactory>(new ThrowingValidatorFactory()));

        await harness.Preloader.StartAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(harness.Logs.WithEventId(1026).Count(), Is.EqualTo(1), "LoadPathWarmupFailed");
            Assert.That(harness.Logs.WithEventId(1025), Is.Empty);
            Assert.That(harness.Logs.WithEventId(1018), Is.Empty, "not a preload failure");
        });
    }

    private sealed class CountingValidatorFactory : ISchemaValidatorFactory
    {
        private int _compiled;

        public int Compiled => Volatile.Read(ref _compiled);

        public string Name => "counting";

        public ISchemaValidator Compile(JsonElement schema, SchemaValidatorOptions options)
        {
            Interlocked.Increment(ref _compiled);
            return Validation.EngineValidatorFactory.Instance.Compile(schema, options);
        }
    }

    private sealed class ThrowingValidatorFactory : ISchemaValidatorFactory
    {
        public string Name => "throwing";

        public ISchemaValidator Compile(JsonElement schema, SchemaValidatorOptions options) => throw new SchemaCompilationException("broken backend");
    }
}
