using System.Globalization;
using CoreRegistryClient.Samples.Messaging;

namespace CoreRegistryClient.Samples.Hosting;

/// <summary>What both samples' command lines decide; see <see cref="CommonSampleOptions"/> for the options.</summary>
internal abstract record SampleSettings
{
    /// <summary>Listens on <c>http://127.0.0.1:{defaultPort}</c> unless told otherwise.</summary>
    protected SampleSettings(int defaultPort) => Listen = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{defaultPort}");

    /// <summary><c>memory</c> or <c>redis</c>.</summary>
    public string Bus { get; init; } = "memory";

    /// <summary>What messages and errors are prefixed with: <c>pipeline</c>, <c>store</c>.</summary>
    public abstract string SampleName { get; }

    /// <summary>The Redis for the <c>redis</c> bus: a StackExchange.Redis configuration string.</summary>
    public string Redis { get; init; } = RedisConfiguration.Default;

    /// <summary>The stream namespace.</summary>
    public string Namespace { get; init; } = StreamNames.DefaultNamespace;

    /// <summary>The <c>source</c> FeedbackEvents carry (the label of <c>pipeline_feedback_queue_depth</c>).</summary>
    public string FeedbackSource { get; init; } = Backpressure.FeedbackLabels.DefaultSource;

    /// <summary>The <c>provider</c> FeedbackEvents carry (the label of <c>pipeline_backpressure_state</c> and
    /// <c>pipeline_rate_scale_factor</c>).</summary>
    public string Provider { get; init; } = Backpressure.FeedbackLabels.DefaultProvider;

    /// <summary>The enforcement mode from <c>--mode</c>; null leaves it to <c>REGISTRY_ENFORCEMENT</c>, else the
    /// sample's default.</summary>
    public string? Mode { get; init; }

    /// <summary>A real registry; null starts the embedded one with the sample schemas.</summary>
    public Uri? RegistryUrl { get; init; }

    /// <summary>Stop after this many messages (what counts is the sample's).</summary>
    public long? Count { get; init; }

    /// <summary>Stop after this long.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Where <c>/metrics</c> and <c>/health</c> listen.</summary>
    public string Listen { get; init; }

    /// <summary>How often the summary line is printed.</summary>
    public TimeSpan SummaryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Extra JSON settings, reloaded on change.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Whether routine per-message logs show.</summary>
    public bool Verbose { get; init; }

    /// <summary>The FeedbackEvent stream in <see cref="Namespace"/>.</summary>
    public string FeedbackStream => StreamNames.Feedback(Namespace);
}
