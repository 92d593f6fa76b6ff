using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Store;

/// <summary>Everything the command line decides; see <see cref="StoreCommand"/> for the options.</summary>
internal sealed record StoreSettings : ISampleSettings
{
    /// <summary>Where <c>/metrics</c> and <c>/health</c> listen unless told otherwise: beside the pipeline's 9464,
    /// so both samples run on one machine.</summary>
    public const int DefaultPort = 9465;

    public string Bus { get; init; } = "memory";

    public RedisEndpoint Redis { get; init; } = RedisEndpoint.Default;

    public string Namespace { get; init; } = StreamNames.DefaultNamespace;

    /// <summary>The enforcement mode from <c>--mode</c>; null leaves it to <c>REGISTRY_ENFORCEMENT</c>, else strict
    /// (a producer must not publish what its consumers will reject).</summary>
    public string? Mode { get; init; }

    /// <summary>A real registry; null starts the embedded one with the sample schemas.</summary>
    public Uri? RegistryUrl { get; init; }

    /// <summary>Stop after this many FeedbackEvents were produced (published or withheld) and one drift run finished.</summary>
    public long? Count { get; init; }

    /// <summary>After <see cref="Count"/>, keep serving <c>/metrics</c> and <c>/health</c> (drift checks go on) until
    /// <see cref="Duration"/> or Ctrl+C, so a scraper can read the final values.</summary>
    public bool KeepServing { get; init; }

    /// <summary>Stop after this long.</summary>
    public TimeSpan? Duration { get; init; }

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

    /// <summary>The <c>repo</c> of drift events and metrics: the service holding the fixtures.</summary>
    public string Repository { get; init; } = "store-sample";

    public string Listen { get; init; } = $"http://127.0.0.1:{DefaultPort}";

    public TimeSpan SummaryInterval { get; init; } = TimeSpan.FromSeconds(5);

    public string? ConfigFile { get; init; }

    public bool Verbose { get; init; }

    public string FeedbackStream => StreamNames.Feedback(Namespace);

    public string DriftStream => StreamNames.SchemaDrift(Namespace);
}
