using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Messaging;

namespace CoreRegistryClient.Samples.Store;

/// <summary>Everything the command line decides; see <see cref="StoreCommand"/> for the options. Without
/// <c>--mode</c> or <c>REGISTRY_ENFORCEMENT</c> the mode is strict (a producer must not publish what its
/// consumers will reject); <see cref="SampleSettings.Count"/> counts FeedbackEvents produced (published or
/// withheld), and the run also waits for one drift run.</summary>
internal sealed record StoreSettings : SampleSettings
{
    /// <summary>Where <c>/metrics</c> and <c>/health</c> listen unless told otherwise: beside the pipeline's 9464,
    /// so both samples run on one machine.</summary>
    public const int DefaultPort = 9465;

    public StoreSettings()
        : base(DefaultPort)
    {
    }

    public override string SampleName => "store";

    /// <summary>After <see cref="SampleSettings.Count"/>, keep serving <c>/metrics</c> and <c>/health</c> (drift
    /// checks go on) until <see cref="SampleSettings.Duration"/> or Ctrl+C, so a scraper can read the final values.</summary>
    public bool KeepServing { get; init; }

    /// <summary>Share of FeedbackEvents a simulated buggy coordinator breaks, so validation has something to stop.</summary>
    public double InvalidShare { get; init; } = 0.05;

    /// <summary>FeedbackEvents per second, over all coordinators.</summary>
    public int Rate { get; init; } = 30;

    /// <summary>Seed of the write-queue simulation (the same seed gives the same events).</summary>
    public int Seed { get; init; } = 7;

    /// <summary>The local schema copies the drift reporter compares with the registry: a folder with a
    /// <c>_metadata.json</c>, or a folder of such folders (one per track).</summary>
    public string Fixtures { get; init; } = Path.Combine(AppContext.BaseDirectory, "fixtures");

    /// <summary>How often the drift reporter runs (the first run is at start-up).</summary>
    public TimeSpan DriftInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether drifted schemas become <c>telemetry.schema_drift</c> events on the bus (<c>--pulse</c>,
    /// <c>PULSE_ENABLED</c>). Drift is counted in the metrics either way.</summary>
    public bool PulseEnabled { get; init; } = true;

    /// <summary>Where the drift monitor writes <c>drift_report.&lt;track folder&gt;.json</c> after every run.</summary>
    public string DriftReportDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "store-sample-drift");

    /// <summary>The <c>repo</c> of drift events and metrics: the service holding the fixtures.</summary>
    public string Repository { get; init; } = "store-sample";

    public string DriftStream => StreamNames.SchemaDrift(Namespace);
}
