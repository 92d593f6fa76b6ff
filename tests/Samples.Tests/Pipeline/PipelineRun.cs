using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Pipeline;
using CoreRegistryClient.Samples.Pipeline.Processing;
using CoreRegistryClient.Samples.Pipeline.Producing;
using CoreRegistryClient.Samples.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.Samples.Tests.Pipeline;

/// <summary>A started pipeline sample (embedded registry, 127.0.0.1:0) that the test feeds and inspects.</summary>
internal sealed class PipelineRun : SampleRun
{
    private PipelineRun(StartedSample started)
        : base(started)
    {
    }

    public PipelineCounters Counters => App.Services.GetRequiredService<PipelineCounters>();

    public PipelineSettings Settings => App.Services.GetRequiredService<PipelineSettings>();

    public static async Task<PipelineRun> StartAsync(PipelineSettings settings) =>
        new(await SampleRun.StartAsync((registry, output) => PipelineHost.Build(settings with { Listen = "http://127.0.0.1:0", Produce = false }, registry, output)));

    /// <summary>Publishes <paramref name="count"/> generated messages; returns how many were made invalid.</summary>
    public async Task<int> PublishAsync(int count, double invalidShare, int seed = 42)
    {
        var generator = new FeedbackGenerator(invalidShare, seed);
        var invalid = 0;
        for (var i = 0; i < count; i++)
        {
            var (envelope, isInvalid) = generator.Next();
            invalid += isInvalid ? 1 : 0;
            await Bus.PublishAsync(Settings.FeedbackStream, envelope.ToUtf8Bytes());
        }

        return invalid;
    }

    /// <summary>Waits until the pipeline has received <paramref name="count"/> messages and acknowledged all of them.</summary>
    public async Task WaitForProcessedAsync(long count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (Counters.Received < count || await Bus.GetPendingCountAsync(Settings.FeedbackStream, StreamNames.PipelineGroup) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The pipeline received {Counters.Received} of {count} messages within 90 s.");
            }

            await Task.Delay(50);
        }
    }

}
