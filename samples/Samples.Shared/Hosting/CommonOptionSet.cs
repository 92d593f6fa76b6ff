using System.CommandLine;

namespace CoreRegistryClient.Samples.Hosting;

/// <summary>One sample's instances of the common options, and how their values become <see cref="SampleSettings"/>.</summary>
internal sealed class CommonOptionSet(CommonOptionDescriptions descriptions, SampleSettings defaults, int defaultPort)
{
    public Option<string> Bus { get; } = CommonSampleOptions.Bus();

    public Option<string> Redis { get; } = CommonSampleOptions.Redis();

    public Option<string> Namespace { get; } = CommonSampleOptions.Namespace(descriptions.Namespace);

    public Option<string?> Mode { get; } = CommonSampleOptions.Mode(descriptions.Mode);

    public Option<Uri?> RegistryUrl { get; } = CommonSampleOptions.RegistryUrl();

    public Option<long?> Count { get; } = CommonSampleOptions.Count(descriptions.Count);

    public Option<TimeSpan?> Duration { get; } = CommonSampleOptions.Duration();

    public Option<int?> Port { get; } = CommonSampleOptions.Port(descriptions.Port);

    public Option<string?> Listen { get; } = CommonSampleOptions.Listen(descriptions.Listen);

    public Option<TimeSpan> SummaryInterval { get; } = CommonSampleOptions.SummaryInterval(defaults.SummaryInterval);

    public Option<string?> ConfigFile { get; } = CommonSampleOptions.ConfigFile();

    public Option<string> FeedbackSource { get; } = CommonSampleOptions.Text("--feedback-source", "The source of synthetic FeedbackEvents: the source label of pipeline_feedback_queue_depth (the KEDA guide's queries select store_coordinator).", defaults.FeedbackSource);

    public Option<string> Provider { get; } = CommonSampleOptions.Text("--provider", "The provider of synthetic FeedbackEvents: the provider label of pipeline_backpressure_state and pipeline_rate_scale_factor (the guide's queries select ibkr).", defaults.Provider);

    public Option<bool> Verbose { get; } = CommonSampleOptions.Switch("--verbose", descriptions.Verbose);

    /// <summary><paramref name="settings"/> with the common values of <paramref name="result"/>.</summary>
    public TSettings Apply<TSettings>(ParseResult result, TSettings settings)
        where TSettings : SampleSettings
    {
        ArgumentNullException.ThrowIfNull(result);
        SampleSettings common = settings;
        return (TSettings)(common with
        {
            Bus = result.GetValue(Bus)!,
            Redis = result.GetValue(Redis)!,
            Namespace = result.GetValue(Namespace)!,
            Mode = result.GetValue(Mode),
            RegistryUrl = result.GetValue(RegistryUrl),
            Count = result.GetValue(Count),
            Duration = result.GetValue(Duration),
            Listen = CommonSampleOptions.ListenUrl(result, Listen, Port, defaultPort),
            SummaryInterval = result.GetValue(SummaryInterval),
            ConfigFile = result.GetValue(ConfigFile),
            Verbose = result.GetValue(Verbose),
            FeedbackSource = result.GetValue(FeedbackSource)!,
            Provider = result.GetValue(Provider)!,
        });
    }
}
