using CoreRegistryClient.Testing;
using CoreRegistryClient.Tests.TestSupport;

namespace CoreRegistryClient.Tests.Caching;

/// <summary>Start-up without critical schemas: one registry call opens the connection a first cold miss reuses, within
/// the start-up budget.</summary>
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
}
