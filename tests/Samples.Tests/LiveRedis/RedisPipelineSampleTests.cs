using System.Text;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Pipeline;
using CoreRegistryClient.Samples.Pipeline.Producing;
using CoreRegistryClient.Samples.Tests.Pipeline;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.LiveRedis;

/// <summary>The pipeline sample with <c>--bus redis</c> against a real redis-server.</summary>
public class RedisPipelineSampleTests
{
    [Test]
    public async Task Strict_run_on_redis_dead_letters_invalid_messages_in_the_wire_format_and_acknowledges_everything()
    {
        var ns = "e2e" + Guid.NewGuid().ToString("N")[..8];
        var settings = new PipelineSettings
        {
            Bus = "redis", Redis = LiveRedisSetUp.Endpoint, Namespace = ns, Mode = "strict", Produce = true,
            Count = 250, Rate = 2000, InvalidShare = 0.2, Listen = "http://127.0.0.1:0", SummaryInterval = TimeSpan.FromSeconds(1),
        };
        var output = new StringWriter();
        var exit = await PipelineHost.RunAsync(settings, output, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        var generator = new FeedbackGenerator(0.2);
        var invalid = Enumerable.Range(0, 250).Count(_ => generator.Next().Invalid);
        var redis = LiveRedisSetUp.Inspect;
        var stream = StreamNames.Feedback(ns);
        var letters = await redis.StreamRangeAsync(stream + ".dlq");
        var pending = await redis.StreamPendingAsync(stream, StreamNames.PipelineGroup);
        var last = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.Multiple(async () =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(await redis.StreamLengthAsync(stream), Is.EqualTo(250));
            Assert.That(letters, Has.Length.EqualTo(invalid));
            Assert.That(letters.Select(l => l.Values.Select(v => v.Name.ToString())), Has.All.EqualTo(new[] { "original_id", "reason", "data" }));
            Assert.That(letters.Select(l => Encoding.UTF8.GetString((byte[])l["reason"]!)), Has.All.Contains("telemetry.FeedbackEvent"));
            Assert.That(pending.PendingMessageCount, Is.Zero, "every message acknowledged");
            Assert.That(last, Does.Match(PipelineSampleTests.SummaryPattern(250, 250 - invalid, 0, invalid, invalid)));
        });
    }

    [Test]
    public async Task A_consumer_pinned_to_one_CPU_drains_a_backlog_and_acknowledges_everything()
    {
        // One CPU, as benchmarks/pipeline-throughput.sh gives the consumer with PIN=1 (Environment.ProcessorCount 1, a
        // thread pool of one): the consumer's loop, the client's reader and writer threads and the pool share a core
        // while reads and completions are in flight.
        const int Count = 3000;
        var ns = "pin" + Guid.NewGuid().ToString("N")[..8];
        // The first CPU this process may run on (a cpuset need not start at 0), e.g. "Cpus_allowed_list:	2-3,6".
        var cpus = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        var cpu = cpus.Split(':')[1].Trim().Split(',', '-')[0];
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? ExternalTool.Require("dotnet", "dotnet-sdk-10.0");
        var (exit, output) = await ExternalTool.RunAsync(
            ExternalTool.Require("taskset", "util-linux"),
            [
                "-c", cpu, dotnet, Path.Combine(AppContext.BaseDirectory, "Pipeline.Sample.dll"),
                "--bus", "redis", "--redis", LiveRedisSetUp.Endpoint, "--namespace", ns, "--prefill", "--count", $"{Count}",
                "--mode", "strict", "--invalid-share", "0.1", "--port", "0", "--summary-interval", "1h",
            ],
            timeout: TimeSpan.FromMinutes(3));

        var generator = new FeedbackGenerator(0.1);
        var invalid = Enumerable.Range(0, Count).Count(_ => generator.Next().Invalid);
        var redis = LiveRedisSetUp.Inspect;
        var stream = StreamNames.Feedback(ns);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(async () =>
        {
            Assert.That(exit, Is.Zero, output);
            Assert.That(lines[^1], Does.Match(PipelineSampleTests.SummaryPattern(Count, Count - invalid, 0, invalid, invalid)), output);
            Assert.That(await redis.StreamLengthAsync(stream + ".dlq"), Is.EqualTo(invalid));
            Assert.That((await redis.StreamPendingAsync(stream, StreamNames.PipelineGroup)).PendingMessageCount, Is.Zero, "every message acknowledged");
        });
    }
}
