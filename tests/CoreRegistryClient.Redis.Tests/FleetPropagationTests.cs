using System.Globalization;
using System.Text.RegularExpressions;
using CoreRegistryClient.Redis.Tests.Support;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Redis.Tests;

/// <summary>A real fleet on one machine: redis-server, the loopback registry and eight replica processes. A schema
/// published through the registry's admin API must reach all eight by push alone (index polling off), or by polling
/// alone (no Redis). Outcomes are asserted; the propagation times are reported (TestContext output, read by
/// benchmarks/fleet-propagation.sh), never asserted: the machine may be loaded.</summary>
public sealed partial class FleetPropagationTests
{
    private const int Replicas = 8;
    private const int PollSeconds = 2;

    [Test]
    public async Task All_eight_replicas_switch_to_a_published_version_with_polling_disabled()
    {
        var ns = RedisSetUp.FreshNamespace();
        await using var registry = await TestRegistry.StartAsync(RedisSetUp.Database, ns);
        await using var fleet = await Fleet.StartAsync(registry, Replicas, pollSeconds: 0, redisNamespace: ns);

        await WarmUpAsync(registry);
        var indexReads = registry.RequestCount("/index");
        var published = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await TestRegistry.PublishAsync(registry, "2.0.0", 2);
        await fleet.WaitForAllAsync("switched 2.0.0");

        var lags = fleet.SwitchedAfter("2.0.0", published);
        TestContext.Out.WriteLine($"propagation (push, polling off, {Replicas} replicas): {Spread(lags)}");
        await fleet.WaitForAllAsync("loop_ms");
        foreach (var replica in fleet.Replicas)
        {
            TestContext.Out.WriteLine($"breakdown {Breakdown(replica.Output, published)}");
        }

        // From the event's ts (the registry wrote it to the bus): what the replicas and the bus take, without the
        // registry's own handling of the publish request, which a real registry does on another machine.
        if (Timeline().Match(fleet.Replicas[0].Output) is { Success: true } first)
        {
            var fromEvent = fleet.SwitchedAfter("2.0.0", long.Parse(first.Groups["ts"].Value, CultureInfo.InvariantCulture));
            TestContext.Out.WriteLine($"propagation from event ts (push, polling off, {Replicas} replicas): {Spread(fromEvent)}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(fleet.Replicas.Select(r => r.Output), Has.All.Contains("switched 2.0.0"));
            Assert.That(registry.RequestCount("/index"), Is.EqualTo(indexReads), "no replica polled: the push alone switched them");
        });
    }

    [Test]
    public async Task All_eight_replicas_switch_by_polling_alone_without_redis()
    {
        var ns = RedisSetUp.FreshNamespace();
        await using var registry = await TestRegistry.StartAsync(RedisSetUp.Database, ns);
        await using var fleet = await Fleet.StartAsync(registry, Replicas, PollSeconds, redisNamespace: null);
        await WarmUpAsync(registry);
        var indexReads = registry.RequestCount("/index");
        var published = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await TestRegistry.PublishAsync(registry, "2.0.0", 2);
        await fleet.WaitForAllAsync("switched 2.0.0");

        var lags = fleet.SwitchedAfter("2.0.0", published);
        TestContext.Out.WriteLine($"propagation (poll {PollSeconds} s, push off, {Replicas} replicas): {Spread(lags)}");

        Assert.Multiple(() =>
        {
            Assert.That(fleet.Replicas.Select(r => r.Output), Has.All.Contains("switched 2.0.0"));
            Assert.That(registry.RequestCount("/index") - indexReads, Is.GreaterThanOrEqualTo(Replicas), "each replica learnt of it from its own index poll");
        });
    }

    /// <summary>Warm-up, as a registry and a bus that have been running for a while are: the first publish pays for this
    /// process's HttpClient, the registry's admin route and the event writer (about 1.9 s under load, 2026-12-05),
    /// which is not propagation. The replicas ignore it (unknown schema) and so also read one event first.</summary>
    private static async Task WarmUpAsync(LoopbackRegistryServer registry)
    {
        await TestRegistry.PublishAsync(registry, "telemetry.FleetWarmUp", "1.0.0", 1);
        await Task.Delay(1000);
    }

    /// <summary>Sorted propagation times as the fleet script reads them: p50, max and every value.</summary>
    private static string Spread(List<long> lags) => $"p50 {lags[lags.Count / 2]} ms, max {lags[^1]} ms; all: {string.Join(", ", lags)}";

    /// <summary>One replica's stages in ms, each from the previous stamp (see FleetReplica's PropagationTimeline): publish
    /// request to event ts, to the listener's read, to the load start, fetch done, load done (hash, compile, swap), and
    /// to the validation loop's first use; and the loop's mean period.</summary>
    private static string Breakdown(string output, long published)
    {
        var stamps = Timeline().Match(output);
        if (!stamps.Success) return "(no timeline)";
        long Stamp(string name) => long.Parse(stamps.Groups[name].Value, CultureInfo.InvariantCulture);
        var switched = long.Parse(Switched().Match(output).Groups["ms"].Value, CultureInfo.InvariantCulture);
        string[] names = ["ts", "read", "load_start", "fetch_done", "load_done"];
        var parts = new List<string>();
        var previous = published;
        foreach (var name in names)
        {
            parts.Add($"{name}+{Stamp(name) - previous}");
            previous = Stamp(name);
        }

        parts.Add($"validated+{switched - previous}");
        parts.Add($"handled_at+{Stamp("handled") - published}");
        parts.Add($"loop_ms={LoopPeriod().Match(output).Groups["ms"].Value}");
        return string.Join(' ', parts);
    }

    [GeneratedRegex(@"switched 2\.0\.0 (?<ms>\d+)")]
    private static partial Regex Switched();

    [GeneratedRegex(@"timeline ts=(?<ts>-?\d+) read=(?<read>-?\d+) load_start=(?<load_start>-?\d+) fetch_done=(?<fetch_done>-?\d+) load_done=(?<load_done>-?\d+) handled=(?<handled>-?\d+)")]
    private static partial Regex Timeline();

    [GeneratedRegex(@"loop_ms (?<ms>[\d.]+)")]
    private static partial Regex LoopPeriod();
}
