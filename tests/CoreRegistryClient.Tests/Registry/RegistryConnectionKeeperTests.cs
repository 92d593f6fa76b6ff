using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.Tests.Registry;

/// <summary>The SDK keeps a live registry connection while it runs (<see cref="RegistryConnectionKeeper"/>), so that a
/// herd of thread-pool callers on a cold miss never waits for the pool to open one. The keeper's clock is fake; the
/// registry and its connections are real.</summary>
public class RegistryConnectionKeeperTests
{
    private const int Rewarmed = 1034;
    private const int RewarmFailed = 1035;

    [Test]
    public async Task When_the_registry_closes_the_idle_connection_a_new_one_is_live_again_at_the_next_check_without_validation_traffic()
    {
        await using var harness = await RegistryClientHarness.StartAsync(server: s => s.KeepAliveTimeout = TimeSpan.FromSeconds(2), options: o => o.Enabled = true);
        var connections = harness.Services.GetRequiredService<RegistryConnections>();
        var time = new FakeTimeProvider();
        using var keeper = Keeper(harness, time);
        await keeper.StartAsync(CancellationToken.None);
        await harness.Client.GetHealthAsync(); // the start-up call: builds the SDK's handler and opens the first connection
        Assert.That(connections.NeedsNewConnection, Is.False);

        time.Advance(RegistryConnectionKeeper.CheckInterval);
        Assert.That(keeper.Attempts, Is.Zero, "nothing to do while the connection is live");

        Assert.That(() => connections.NeedsNewConnection, Is.True.After(15_000, 50), "the registry closed the idle connection at its keep-alive timeout");
        time.Advance(RegistryConnectionKeeper.CheckInterval);
        await SettledAsync(harness, keeper);

        Assert.Multiple(() =>
        {
            Assert.That(keeper.Attempts, Is.EqualTo(1), "one attempt, at the first check after the close");
            Assert.That(connections.NeedsNewConnection, Is.False, "a live connection again");
            Assert.That(harness.Logs.WithEventId(Rewarmed).Count(), Is.EqualTo(1));
            Assert.That(harness.Server.RequestCount("/health"), Is.EqualTo(2), "the start-up call and the keeper's");
            Assert.That(harness.Server.RequestCount(), Is.EqualTo(2), "no schema or index traffic was needed");
        });
    }

    [Test]
    public async Task While_the_registry_is_down_attempts_back_off_to_a_bounded_number()
    {
        await using var harness = await RegistryClientHarness.StartAsync(options: o => o.Enabled = true);
        var time = new FakeTimeProvider();
        using var keeper = Keeper(harness, time);
        await keeper.StartAsync(CancellationToken.None);
        await harness.Client.GetHealthAsync();
        await harness.Server.DisposeAsync(); // the registry goes away: its connection closes, new ones are refused

        // Ten simulated minutes, one check a second.
        for (var second = 0; second < 600; second++)
        {
            time.Advance(RegistryConnectionKeeper.CheckInterval);
            await SettledAsync(harness, keeper);
        }

        // Backoff 1, 2, 4, ... 60 s: 1 + 7 doublings reach the cap after ~2 min, then one a minute.
        TestContext.Out.WriteLine($"attempts in 600 s of outage: {keeper.Attempts}");
        Assert.Multiple(() =>
        {
            Assert.That(keeper.Attempts, Is.InRange(10, 20), "one attempt per backoff step, never a storm");
            Assert.That(harness.Logs.WithEventId(RewarmFailed).Count(), Is.EqualTo(keeper.Attempts));
            Assert.That(harness.Logs.WithEventId(Rewarmed).Count(), Is.Zero);
        });
    }

    [Test]
    public async Task While_the_circuit_is_open_no_attempt_is_made()
    {
        await using var harness = await RegistryClientHarness.StartAsync(options: o => o.Enabled = true, resilience: r =>
        {
            r.CircuitMinimumThroughput = 2;
            r.CircuitFailureRatio = 0.5;
            r.CircuitBreakDuration = TimeSpan.FromMinutes(5);
        });
        var time = new FakeTimeProvider();
        using var keeper = Keeper(harness, time);
        await keeper.StartAsync(CancellationToken.None);
        await harness.Client.GetHealthAsync();
        await harness.Server.DisposeAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.That(async () => await harness.Client.GetIndexAsync(), Throws.InstanceOf<RegistryException>());
        }

        Assert.That(harness.Services.GetRequiredService<RegistryResiliencePipeline>().IsCircuitOpen, Is.True, "the calls above opened the circuit");
        for (var second = 0; second < 30; second++)
        {
            time.Advance(RegistryConnectionKeeper.CheckInterval);
        }

        Assert.That(keeper.Attempts, Is.Zero);
    }

    [Test]
    public async Task Once_stopped_it_makes_no_attempt()
    {
        await using var harness = await RegistryClientHarness.StartAsync(options: o => o.Enabled = true);
        var connections = harness.Services.GetRequiredService<RegistryConnections>();
        var time = new FakeTimeProvider();
        var keeper = Keeper(harness, time);
        await keeper.StartAsync(CancellationToken.None);
        await harness.Client.GetHealthAsync();
        keeper.Dispose();
        await harness.Server.DisposeAsync();
        Assert.That(() => connections.NeedsNewConnection, Is.True.After(10_000, 50));

        for (var second = 0; second < 30; second++)
        {
            time.Advance(RegistryConnectionKeeper.CheckInterval);
        }

        Assert.That(keeper.Attempts, Is.Zero);
    }

    [Test]
    public void Connections_are_renewed_a_tenth_of_their_lifetime_ahead_at_most_a_minute()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RegistryConnectionKeeper.RenewAhead(TimeSpan.FromMinutes(5)), Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(RegistryConnectionKeeper.RenewAhead(RegistryConnectionPolicy.MinimumLifetime), Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(RegistryConnectionKeeper.RenewAhead(Timeout.InfiniteTimeSpan), Is.EqualTo(TimeSpan.Zero));
        });
    }

    private static RegistryConnectionKeeper Keeper(RegistryClientHarness harness, TimeProvider time) => new(
        harness.Services.GetRequiredService<RegistryConnections>(),
        harness.Client,
        harness.Services.GetRequiredService<RegistryResiliencePipeline>(),
        new EnforcementPolicy(harness.Services.GetRequiredService<IOptionsMonitor<SchemaEnforcementOptions>>(), NullLogger<EnforcementPolicy>.Instance),
        time,
        harness.Services.GetRequiredService<ILogger<RegistryConnectionKeeper>>());

    /// <summary>Waits until every attempt started so far has logged its outcome (each runs on a thread of its own).</summary>
    private static async Task SettledAsync(RegistryClientHarness harness, RegistryConnectionKeeper keeper)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (harness.Logs.Entries.Count(e => e.Id.Id is Rewarmed or RewarmFailed) < keeper.Attempts)
        {
            await Task.Delay(5, deadline.Token);
        }
    }
}
