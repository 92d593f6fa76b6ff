using System.Globalization;
using System.Text.RegularExpressions;
using CoreRegistryClient.Samples.Tests.Support;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Redis.Tests.Support;

/// <summary>N FleetReplica processes against one loopback registry, each validating <see cref="TestRegistry.Schema"/> in
/// a loop: started together, ready once each validates with 1.0.0 (and, with push, listens to the stream), stopped on
/// dispose.</summary>
internal sealed class Fleet : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private Fleet(List<ExternalProcess> replicas) => Replicas = replicas;

    public IReadOnlyList<ExternalProcess> Replicas { get; }

    /// <param name="registry">The registry every replica reads.</param>
    /// <param name="count">How many replicas.</param>
    /// <param name="pollSeconds">The index poll interval; 0: no polling.</param>
    /// <param name="redisNamespace">With push: the Redis namespace to read <c>schema.published</c> from; null: no push.</param>
    /// <param name="cacheTtlSeconds">The schema cache TTL (the SDK's default: 300 s).</param>
    public static async Task<Fleet> StartAsync(LoopbackRegistryServer registry, int count, int pollSeconds, string? redisNamespace, int cacheTtlSeconds = 300)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? ExternalTool.Require("dotnet", "dotnet-sdk-10.0");
        var arguments = new List<string>
        {
            ReplicaDll, "--registry", registry.BaseUri.ToString(), "--schema", TestRegistry.Schema,
            "--poll-seconds", pollSeconds.ToString(CultureInfo.InvariantCulture),
            "--cache-ttl-seconds", cacheTtlSeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (redisNamespace is not null) arguments.AddRange(["--redis", RedisSetUp.Endpoint, "--namespace", redisNamespace]);
        var fleet = new Fleet([]);
        try
        {
            for (var i = 0; i < count; i++)
            {
                ((List<ExternalProcess>)fleet.Replicas).Add(ExternalProcess.Start(dotnet, ExternalProcess.CreateDirectory("fleet-replica-"), [.. arguments]));
            }

            await fleet.WaitForAllAsync("ready 1.0.0");
            if (redisNamespace is not null)
            {
                // Only events written after a listener has read the stream's tail reach it; a fixed pause was not
                // enough on a loaded machine (CI, 2026-12-07: one replica never heard the published version).
                await fleet.WaitForAllAsync("listening");
            }

            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until every replica printed <paramref name="line"/>; fails the test, with the output, if one exits
    /// or takes longer than two minutes.</summary>
    public async Task WaitForAllAsync(string line)
    {
        foreach (var replica in Replicas)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!replica.Output.Contains(line, StringComparison.Ordinal))
            {
                if (replica.HasExited || DateTime.UtcNow > deadline) Assert.Fail($"replica {replica.Id} did not print '{line}'; output:\n{replica.Output}");
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Each replica's time, in ms after <paramref name="since"/> (unix ms), of its first validation with
    /// <paramref name="version"/>; sorted.</summary>
    public List<long> SwitchedAfter(string version, long since) =>
        [.. Replicas.Select(r => long.Parse(SwitchedTo(version).Match(r.Output).Groups["ms"].Value, CultureInfo.InvariantCulture) - since).Order()];

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }
    }

    private static Regex SwitchedTo(string version) => new($@"switched {Regex.Escape(version)} (?<ms>\d+)", RegexOptions.CultureInvariant);

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
}
