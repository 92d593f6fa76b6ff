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
            var indexReads = registry.RequestCount("/index");
            var published = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await TestRegistry.PublishAsync(registry, "2.0.0", 2);
            foreach (var replica in fleet)
            {
                await WaitForAsync(replica, "switched 2.0.0");
            }

            var lags = fleet.Select(r => long.Parse(Switched().Match(r.Output).Groups["ms"].Value, CultureInfo.InvariantCulture) - published).Order().ToList();
            TestContext.Out.WriteLine($"propagation (push, polling off, {Replicas} replicas): p50 {lags[lags.Count / 2]} ms, max {lags[^1]} ms; all: {string.Join(", ", lags)}");
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

    [GeneratedRegex(@"switched 2\.0\.0 (?<ms>\d+)")]
    private static partial Regex Switched();
}
