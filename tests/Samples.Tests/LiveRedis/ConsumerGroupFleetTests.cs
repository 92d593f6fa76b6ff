using System.Globalization;
using System.Text.RegularExpressions;
using CoreRegistryClient.Redis;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Pipeline.Producing;
using CoreRegistryClient.Samples.Tests.Support;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Tests.LiveRedis;

/// <summary>
/// Three Pipeline.Sample processes on one consumer group against a real redis-server; a producer sends 20,000
/// FeedbackEvents (10% invalid, strict mode); one consumer is SIGKILLed mid-run and not restarted. Nothing may be
/// lost or left pending, each envelope's effect must happen once, and duplicates must be counted. Outcomes only:
/// no duration is asserted (the machine may be loaded), and every process is killed however the test ends.
/// </summary>
public partial class ConsumerGroupFleetTests
{
    private const int Produced = 20_000;
    private const int Republished = 100;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Test]
    public async Task A_fleet_that_loses_a_consumer_mid_run_loses_nothing_and_counts_every_envelope_once()
    {
        var ns = "fleet" + Guid.NewGuid().ToString("N")[..8];
        var stream = StreamNames.Feedback(ns);
        var redis = LiveRedisSetUp.Inspect;
        var consumers = new List<ExternalProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                consumers.Add(StartConsumer(ns));
            }

            foreach (var consumer in consumers)
            {
                await WaitForAsync(() => consumer.Output.Contains("pipeline: bus=redis", StringComparison.Ordinal), consumer, "the consumer started");
            }

            await using var bus = new RedisStreamBus(LiveRedisSetUp.Endpoint);
            var generator = new FeedbackGenerator(0.1, seed: 12);
            var envelopes = Enumerable.Range(0, Produced).Select(_ => generator.Next()).ToList();
            var invalid = envelopes.Count(e => e.Invalid);
            var victim = consumers[0];
            var victimName = $"{Environment.MachineName}-{victim.Id}";
            var killedWithPending = 0L;

            // Batches of 200 as a store fleet would send them; the victim dies a third of the way in.
            for (var offset = 0; offset < Produced; offset += 200)
            {
                await bus.PublishBatchAsync(stream, envelopes.Skip(offset).Take(200).Select(e => (ReadOnlyMemory<byte>)e.Envelope.ToUtf8Bytes()).ToArray());
                if (offset >= Produced / 3 && !victim.HasExited)
                {
                    // Frozen (SIGSTOP), its pending entries cannot change under the check; killed only while it holds work.
                    await victim.SignalAsync("STOP");
                    killedWithPending = await PendingOf(redis, stream, victimName);
                    if (killedWithPending > 0)
                    {
                        victim.Kill();
                        await WaitForAsync(() => victim.HasExited, victim, "the victim died");
                    }
                    else
                    {
                        await victim.SignalAsync("CONT");
                    }
                }
            }

            // A producer that retried after a timeout: the same envelopes a second time (new stream entries).
            await bus.PublishBatchAsync(stream, envelopes.Take(Republished).Select(e => (ReadOnlyMemory<byte>)e.Envelope.ToUtf8Bytes()).ToArray());

            var survivors = consumers.Skip(1).ToList();
            await WaitForAsync(async () => await CountMarkersAsync(bus, stream) == Produced && (await redis.StreamPendingAsync(stream, StreamNames.PipelineGroup)).PendingMessageCount == 0, survivors[0], "every envelope completed and nothing pending");

            // Let the survivors finish the republished copies too, then stop them gracefully for their last summary lines.
            await WaitForAsync(async () => (await redis.StreamGroupInfoAsync(stream)).Single().Lag == 0 && (await redis.StreamPendingAsync(stream, StreamNames.PipelineGroup)).PendingMessageCount == 0, survivors[0], "the group has read everything");
            var summaries = new List<Summary>();
            foreach (var survivor in survivors)
            {
                Assert.That(await survivor.TerminateAsync(Patience), Is.Zero, survivor.Output);
                summaries.Add(Summary.Last(survivor.Output));
            }

            var markers = await ReadMarkersAsync(bus, stream, envelopes.Select(e => e.Envelope.Id));
            var letters = await redis.StreamRangeAsync(StreamNames.DeadLetter(stream));
            var letteredIds = letters.Select(l => MessageEnvelope.Parse((byte[])l["data"]!).Id).ToList();
            var acknowledgedValid = markers.Count(m => m == "p");
            var deadLettered = markers.Count(m => m == "d");
            var lost = markers.Count(m => m is null);
            var pending = (await redis.StreamPendingAsync(stream, StreamNames.PipelineGroup)).PendingMessageCount;
            var duplicates = summaries.Sum(s => s.Duplicates);
            var redelivered = summaries.Sum(s => s.Redelivered);

            await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"fleet: produced={Produced} (+{Republished} republished) acknowledged-valid={acknowledgedValid} dead-lettered={deadLettered} duplicates={duplicates} redelivered={redelivered} lost={lost} pending={pending} victim-pending-at-kill={killedWithPending}"));
            Assert.Multiple(async () =>
            {
                Assert.That(acknowledgedValid + deadLettered, Is.EqualTo(Produced), "produced = acknowledged-valid + dead-lettered");
                Assert.That(lost, Is.Zero, "every envelope has its completion");
                Assert.That(pending, Is.Zero);
                Assert.That(deadLettered, Is.EqualTo(invalid), "strict mode dead-letters exactly the invalid ones");
                Assert.That(letters, Has.Length.EqualTo(invalid), "one dead letter per invalid envelope, redeliveries and copies included");
                Assert.That(letteredIds, Is.Unique);
                Assert.That(letteredIds, Is.EquivalentTo(envelopes.Where(e => e.Invalid).Select(e => e.Envelope.Id)));
                Assert.That(duplicates, Is.EqualTo(Republished), "each republished copy is recognised once, by a survivor");
                Assert.That(killedWithPending, Is.GreaterThan(0), "the victim died holding work");
                Assert.That(redelivered, Is.GreaterThanOrEqualTo(killedWithPending), "what the victim held was redelivered to the survivors");
                Assert.That(await redis.StreamLengthAsync(stream), Is.EqualTo(Produced + Republished));
            });
        }
        finally
        {
            foreach (var consumer in consumers)
            {
                await consumer.DisposeAsync();
            }
        }
    }

    private static ExternalProcess StartConsumer(string ns)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? ExternalTool.Require("dotnet", "dotnet-sdk-10.0");
        var directory = ExternalProcess.CreateDirectory("pipeline-fleet-");
        return ExternalProcess.Start(dotnet, directory,
        [
            Path.Combine(AppContext.BaseDirectory, "Pipeline.Sample.dll"),
            "--bus", "redis", "--redis", LiveRedisSetUp.Endpoint, "--namespace", ns, "--mode", "strict",
            "--port", "0", "--reclaim-after", "3s", "--summary-interval", "1h",
        ]);
    }

    private static async Task<long> PendingOf(IDatabase redis, string stream, string consumer)
    {
        var summary = await redis.StreamPendingAsync(stream, StreamNames.PipelineGroup);
        return summary.Consumers.Where(c => c.Name == consumer).Sum(c => (long)c.PendingMessageCount);
    }

    private static async Task<long> CountMarkersAsync(RedisStreamBus bus, string stream) =>
        (await bus.ReadCompletionMarkersAsync(stream, StreamNames.PipelineGroup)).Count;

    private static async Task<List<string?>> ReadMarkersAsync(RedisStreamBus bus, string stream, IEnumerable<string> envelopeIds)
    {
        var markers = await bus.ReadCompletionMarkersAsync(stream, StreamNames.PipelineGroup);
        return envelopeIds.Select(id => markers.GetValueOrDefault(id)).ToList();
    }

    private static Task WaitForAsync(Func<bool> condition, ExternalProcess process, string what) =>
        WaitForAsync(() => Task.FromResult(condition()), process, what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, ExternalProcess process, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not done within {Patience.TotalMinutes} minutes: {what}. Consumer output:\n{process.Output}");
            }

            await Task.Delay(100);
        }
    }

    private sealed partial record Summary(long Duplicates, long Redelivered)
    {
        public static Summary Last(string output)
        {
            var match = SummaryLine().Matches(output).LastOrDefault();
            Assert.That(match, Is.Not.Null, output);
            return new Summary(long.Parse(match!.Groups["duplicates"].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups["redelivered"].Value, CultureInfo.InvariantCulture));
        }

        [GeneratedRegex(@"^pipeline: received=\d+ valid=\d+ warned=\d+ dead-lettered=\d+ duplicates=(?<duplicates>\d+) redelivered=(?<redelivered>\d+) ", RegexOptions.Multiline)]
        private static partial Regex SummaryLine();
    }
}
