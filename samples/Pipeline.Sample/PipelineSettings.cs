using CoreRegistryClient.Samples.Hosting;

namespace CoreRegistryClient.Samples.Pipeline;

/// <summary>Everything the command line decides; see <see cref="PipelineCommand"/> for the options. Without
/// <c>--mode</c> or <c>REGISTRY_ENFORCEMENT</c> the mode is warn.</summary>
internal sealed record PipelineSettings : SampleSettings
{
    public PipelineSettings()
        : base(defaultPort: 9464)
    {
    }

    public override string SampleName => "pipeline";

    /// <summary>Whether the synthetic producer runs; null means "with the in-memory bus only".</summary>
    public bool? Produce { get; init; }

    public double InvalidShare { get; init; } = 0.1;

    /// <summary>Messages per second the synthetic producer publishes.</summary>
    public int Rate { get; init; } = 200;

    /// <summary>Messages another consumer left pending this long are taken over (checked every half of it).</summary>
    public TimeSpan ReclaimAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A coordinator's backpressure reading stops counting this long after it arrived.</summary>
    public TimeSpan FeedbackTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a completed envelope id is remembered to recognise duplicates.</summary>
    public TimeSpan IdempotencyWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Publish all <see cref="SampleSettings.Count"/> messages before consuming starts (a backlog to drain).</summary>
    public bool Prefill { get; init; }

    public TimeSpan DeadLetterPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public string ConsumerName { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    public bool ProducerEnabled => Produce ?? Bus == "memory";
}
