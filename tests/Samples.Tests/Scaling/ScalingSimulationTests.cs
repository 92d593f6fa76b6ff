using System.Globalization;
using System.Text;
using System.Text.Json;
using CoreRegistryClient.Redis;
using CoreRegistryClient.Samples.Pipeline;
using CoreRegistryClient.Samples.Tests.Pipeline;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.Scaling;

/// <summary>The KEDA rollout guide's load test, replayed through the pipeline sample and a real Prometheus, with
/// the replica formula applied to what the trigger query reads (a simulation: there is no cluster here).</summary>
/// <remarks>Time is compressed: each row is one KEDA poll (<c>pollingInterval</c>, 15 s); the test publishes the
/// store's reported depth for that poll, waits until Prometheus answers it, and moves on, so a 5-minute load
/// test takes seconds. The scale-down window runs on the simulated clock.</remarks>
public class ScalingSimulationTests
{
    /// <summary>The guide's load: the store queue fills past 5000 and peaks; the load stops and the queue drains
    /// below 2000, and stays there.</summary>
    internal static readonly long[] LoadProfile = [1000, 3000, 6000, 9000, 12000, 12000, 12000, 1500, 500, 500, 500, 500, 500, 500, 500, 500];

    [Test]
    public void The_formula_scales_by_the_threshold_and_holds_replicas_for_the_scale_down_window()
    {
        var parameters = ScaledObjectParameters.Load();
        var calculator = new ReplicaCalculator(parameters);
        var replicas = LoadProfile.Select((depth, i) => calculator.Poll(parameters.PollingInterval * i, depth).Replicas).ToArray();
        Assert.That(replicas, Is.EqualTo(new[] { 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1 }));
    }

    [Test]
    public void A_depth_at_max_scale_is_capped_at_max_replicas_and_scale_up_is_rate_limited()
    {
        var parameters = ScaledObjectParameters.Load();
        var calculator = new ReplicaCalculator(parameters);
        var replicas = new[] { 100_000.0, 100_000, 100_000 }.Select((depth, i) => calculator.Poll(parameters.PollingInterval * i, depth).Replicas);
        Assert.That(replicas, Is.EqualTo(new[] { 5, 10, 10 }));
    }

    [Test]
    public async Task The_guides_load_through_the_pipeline_and_prometheus_scales_up_then_back_to_one_60_to_90_seconds_after_draining()
    {
        var parameters = ScaledObjectParameters.Load();
        await using var run = await PipelineRun.StartAsync(new PipelineSettings { FeedbackTtl = TimeSpan.FromMinutes(10) });
        await using var prometheus = await PrometheusServer.StartAsync("pipeline-sample", new Uri(run.BaseAddress, "/metrics"));
        var calculator = new ReplicaCalculator(parameters);
        var rows = new List<(TimeSpan At, long Published, double? Read, int Desired, int Replicas)>();
        for (var i = 0; i < LoadProfile.Length; i++)
        {
            await run.Bus.PublishAsync(run.Settings.FeedbackStream, Feedback(LoadProfile[i]).ToUtf8Bytes());
            var read = await prometheus.WaitForValueAsync(parameters.Query, LoadProfile[i], TimeSpan.FromSeconds(30));
            Assert.That(read, Is.EqualTo(LoadProfile[i]), $"poll {i}: the trigger query did not read the published depth");
            var (desired, replicas) = calculator.Poll(parameters.PollingInterval * i, read!.Value);
            rows.Add((parameters.PollingInterval * i, LoadProfile[i], read, desired, replicas));
        }

        await TestContext.Out.WriteLineAsync(Table(rows));
        var peak = rows.Max(r => r.Replicas);
        var peakAt = rows.First(r => r.Replicas == peak).At;
        var drained = rows.First(r => r.At > peakAt && r.Read < 2000).At;
        var backToOne = rows.First(r => r.At > drained && r.Replicas == 1 && rows.Where(x => x.At >= r.At).All(x => x.Replicas == 1)).At;
        Assert.Multiple(() =>
        {
            Assert.That(rows.First(r => r.Read > parameters.Threshold).Replicas, Is.GreaterThan(1), "above 5000 it scales up at once");
            Assert.That(peak, Is.EqualTo(3), "12000 / 5000, rounded up");
            Assert.That(rows[^1].Replicas, Is.EqualTo(parameters.MinReplicas));
            Assert.That(backToOne - drained, Is.InRange(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(90)), "the guide: back to 1 replica 60-90 s after the queue drains below 2000");
        });
    }

    private static MessageEnvelope Feedback(long queueSize)
    {
        const long capacity = 20_000;
        var fill = (double)queueSize / capacity;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["coordinator_id"] = "store-1",
            ["queue_size"] = queueSize,
            ["capacity"] = capacity,
            ["level"] = fill < 0.5 ? "ok" : fill < 0.9 ? "soft" : "hard",
            ["source"] = "store_coordinator",
            ["provider"] = "ibkr",
            ["ts"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
        });
        return MessageEnvelope.Create("telemetry.FeedbackEvent", payload, key: "store-1", track: "v1", headers: new Dictionary<string, string> { ["provider"] = "ibkr" });
    }

    private static string Table(IEnumerable<(TimeSpan At, long Published, double? Read, int Desired, int Replicas)> rows)
    {
        var table = new StringBuilder("| t (s) | store queue (published) | trigger query (Prometheus) | HPA recommendation | replicas |\n|---:|---:|---:|---:|---:|\n");
        foreach (var r in rows)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {r.At.TotalSeconds:0} | {r.Published} | {r.Read} | {r.Desired} | {r.Replicas} |\n");
        }

        return table.ToString();
    }
}
