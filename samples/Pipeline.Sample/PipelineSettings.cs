using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Pipeline;

/// <summary>Everything the command line decides; see <see cref="PipelineCommand"/> for the options.</summary>
internal sealed record PipelineSettings : ISampleSettings
{
    public string Bus { get; init; } = "memory";

    public RedisEndpoint Redis { get; init; } = RedisEndpoint.Default;

    public string Namespace { get; init; } = StreamNames.DefaultNamespace;

    /// <summary>The enforcement mode from <c>--mode</c>; null leaves it to <c>REGISTRY_ENFORCEMENT</c> (default warn).</summary>
    public string? Mode { get; init; }

    /// <summary>A real registry; null starts the embedded one with the sample schemas.</summary>
    public Uri? RegistryUrl { get; init; }

    /// <summary>Stop after this many messages were received.</summary>
    public long? Count { get; init; }

    /// <summary>Stop after this long.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Whether the synthetic producer runs; null means "with the in-memory bus only".</summary>
    public bool? Produce { get; init; }

    public double InvalidShare { get; init; } = 0.1;

    /// <summary>Messages per second the synthetic producer publishes.</summary>
    public int Rate { get; init; } = 200;

    public string Listen { get; init; } = "http://127.0.0.1:9464";

    public TimeSpan SummaryInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan DeadLetterPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public string? ConfigFile { get; init; }

    public bool Verbose { get; init; }

    public string ConsumerName { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    public bool ProducerEnabled => Produce ?? Bus == "memory";

    public string FeedbackStream => StreamNames.Feedback(Namespace);
}
