using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Hosting;

/// <summary>What <see cref="SampleHostBuilder"/> reads from a sample's command line.</summary>
public interface ISampleSettings
{
    /// <summary><c>memory</c> or <c>redis</c>.</summary>
    string Bus { get; }

    /// <summary>The Redis endpoint for the <c>redis</c> bus.</summary>
    RedisEndpoint Redis { get; }

    /// <summary>The enforcement mode from <c>--mode</c>; null leaves it to configuration.</summary>
    string? Mode { get; }

    /// <summary>A real registry; null starts the embedded one with the sample schemas.</summary>
    Uri? RegistryUrl { get; }

    /// <summary>Where <c>/metrics</c> and <c>/health</c> listen.</summary>
    string Listen { get; }

    /// <summary>Extra JSON settings, reloaded on change.</summary>
    string? ConfigFile { get; }

    /// <summary>Whether routine per-message logs show.</summary>
    bool Verbose { get; }
}
