using System.Globalization;
using System.Text.RegularExpressions;
using CoreRegistryClient.Redis.Tests.Support;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Redis.Tests;

/// <summary>A real fleet on one machine: redis-server, the loopback registry and eight replica processes with index
/// polling OFF. A schema published through the registry's admin API must reach all eight by push alone. Outcomes are
/// asserted; the propagation times are reported (TestContext output), never asserted: the machine may be loaded.</summary>
public sealed partial class FleetPropagationTests
{
    private const int Replicas = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Test]
    public async Task All_eight_replicas_switch_to_a_published_version_with_polling_disabled()
    {
        var ns = RedisSetUp.FreshNamespace();
        await using var registry = await TestRegistry.StartAsync(RedisSetUp.Database, ns);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? ExternalTool.Require("dotnet", "dotnet-sdk-10.0");
        var fleet = new List<ExternalProcess>();
        try
        {
            for (var i = 0; i < Replicas; i++)
            {
                fleet.Add(ExternalProcess.Start(dotnet, ExternalProcess.CreateDirectory("fleet-replica-"),
                [
                    ReplicaDll, "--registry", registry.BaseUri.ToString(), "--schema", TestRegistry.Schema,
                    "--redis", RedisSetUp.Endpoint, "--namespace", ns, "--poll-seconds", "0",
                ]));
            }

            foreach (var replica in fleet)
            {
                await WaitForAsync(replica, "ready 1.0.0");
            }

            await Task.Delay(500); // each listener reads the stream's tail once it is up

            // Warm-up, as a registry and a bus that have been running for a while are: the first publish pays for this
            // process's HttpClient, the registry's admin route and the event writer (about 1.9 s under load, 2026-12-05),
            // which is not propagation. The replicas ignore it (unknown schema) and so also read one event first.
            await TestRegistry.PublishAsync(registry, "telemetry.FleetWarmUp", "1.0.0", 1);
            await Task.Delay(1000);
            var indexReads = registry.RequestCount("/index");
            var published = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await TestRegistry.PublishAsync(registry, "2.0.0", 2);
            foreach (var replica in fleet)
            {
                await WaitForAsync(replica, "switched 2.0.0");
            }

            var lags = fleet.Select(r => long.Parse(Switched().Match(r.Output).Groups["ms"].Value, CultureInfo.InvariantCulture) - published).Order().ToList();
            TestContext.Out.WriteLine($"propagation (push, polling off, {Replicas} replicas): p50 {lags[lags.Count / 2]} ms, max {lags[^1]} ms; all: {string.Join(", ", lags)}");
            foreach (var replica in fleet)
            {
                await WaitForAsync(replica, "loop_ms");
                TestContext.Out.WriteLine($"breakdown {Breakdown(replica.Output, published)}");
            }

            Assert.Multiple(() =>
            {
                Assert.That(fleet.Select(r => r.Output), Has.All.Contains("switched 2.0.0"));
                Assert.That(registry.RequestCount("/index"), Is.EqualTo(indexReads), "no replica polled: the push alone switched them");
            });
        }
        finally
        {
            foreach (var replica in fleet)
            {
                await replica.DisposeAsync();
            }
        }
    }

    /// <summary>The replica from its own output folder (same configuration and framework as this test): this test's
    /// output holds the ASP.NET Core shared framework's view of the hosting assemblies, not the replica's.</summary>
    private static string ReplicaDll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tests = output.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(tests, "FleetReplica", "bin", output.Parent.Name, output.Name, "FleetReplica.dll");
        }
    }

    private static async Task WaitForAsync(ExternalProcess replica, string line)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!replica.Output.Contains(line, StringComparison.Ordinal))
        {
            if (replica.HasExited || DateTime.UtcNow > deadline) Assert.Fail($"replica {replica.Id} did not print '{line}'; output:\n{replica.Output}");
            await Task.Delay(20);
        }
    }

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
