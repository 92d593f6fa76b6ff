using System.Globalization;
using CoreRegistryClient.Redis.Tests.Support;

namespace CoreRegistryClient.Redis.Tests;

/// <summary>Registry requests per replica, counted at the loopback registry (per path and status) while eight replica
/// processes run for a fixed window with one schema change published halfway. Time is scaled 1:60 so a window of 20 s
/// stands for 20 minutes: a 1 s poll for the default 60 s, a 10 s safety-net poll for 600 s, a 5 s cache TTL for the
/// default 300 s. A safety-net poll longer than the cache TTL leaves entries to expire between polls, and each
/// expired entry is then fetched again in full (measured: a poll equal to the TTL is not enough, as the +10 % jitter
/// lets the poll come after expiry): the last case keeps the poll under TTL / 1.1. The counts are reported per replica per hour (TestContext output, read by
/// benchmarks/fleet-propagation.sh); what is asserted is what each configuration promises, not the figures.</summary>
public sealed class FleetRegistryLoadTests
{
    private const int Replicas = 8;
    private const int Scale = 60;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    [TestCase("poll 60 s, no ETag", false, 1, false)]
    [TestCase("poll 60 s, ETag", true, 1, false)]
    [TestCase("push + 600 s safety-net poll, ETag", true, 10, true)]
    [TestCase("push + 240 s safety-net poll (< cache TTL / 1.1), ETag", true, 4, true)]
    public async Task Registry_requests_per_replica_per_hour(string configuration, bool etags, int pollSeconds, bool push)
    {
        var ns = RedisSetUp.FreshNamespace();
        await using var registry = await TestRegistry.StartAsync(RedisSetUp.Database, ns, indexETags: etags);
        await using var fleet = await Fleet.StartAsync(registry, Replicas, pollSeconds, push ? ns : null, cacheTtlSeconds: 300 / Scale);
        await Task.Delay(500); // start-up requests finish before the counting window opens (Fleet waited for the listeners)

        registry.ResetRequests();
        var started = DateTime.UtcNow;
        await Task.Delay(Window / 2);
        await TestRegistry.PublishAsync(registry, "2.0.0", 2);
        await Task.Delay(Window - (DateTime.UtcNow - started));
        var elapsed = DateTime.UtcNow - started;
        var index = registry.RequestCount("/index");
        var (full, notModified) = (registry.ResponseCount("/index", 200), registry.ResponseCount("/index", 304));
        var schemas = registry.RequestCount("/schemas/");

        // Per replica per (real) hour: the window stands for Scale times as long.
        double PerHour(int count) => count / (double)Replicas * TimeSpan.FromHours(1) / (elapsed * Scale);
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load | {configuration} | {PerHour(index):F1} | {PerHour(full):F1} | {PerHour(notModified):F1} | {PerHour(schemas):F1} | raw over {elapsed.TotalSeconds:F1} s x {Replicas} replicas (1:{Scale}): index {index} (200: {full}, 304: {notModified}), schema GETs {schemas}"));

        await fleet.WaitForAllAsync("switched 2.0.0");
        Assert.Multiple(() =>
        {
            if (!etags) Assert.That(notModified, Is.Zero, "without entity tags every index read carries the full body");
            if (etags && !push) Assert.That(notModified, Is.GreaterThan(full), "an unchanged index is answered 304");
            if (push)
            {
                Assert.That(index, Is.LessThanOrEqualTo(Replicas * ((int)(Window.TotalSeconds / pollSeconds) + 1)),
                    "only the safety-net poll reads the index");
            }
        });
    }
}
