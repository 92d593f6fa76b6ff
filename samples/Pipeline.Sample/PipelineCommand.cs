using System.CommandLine;
using CoreRegistryClient.Samples.Hosting;

namespace CoreRegistryClient.Samples.Pipeline;

/// <summary>The command line of the pipeline sample.</summary>
internal static class PipelineCommand
{
    public static RootCommand Create(Func<PipelineSettings, CancellationToken, Task<int>> run)
    {
        var bus = CommonSampleOptions.Bus();
        var redis = CommonSampleOptions.Redis();
        var ns = CommonSampleOptions.Namespace("Stream namespace: streams are {ns}:telemetry.feedback and {ns}:telemetry.feedback.dlq.");
        var mode = CommonSampleOptions.Mode("Enforcement mode off|warn|strict (default: REGISTRY_ENFORCEMENT, else warn).");
        var registryUrl = CommonSampleOptions.RegistryUrl();
        var count = CommonSampleOptions.Count("Stop after receiving this many messages.");
        var duration = CommonSampleOptions.Duration();
        var produce = new Option<bool?>("--produce") { Description = "Run the synthetic producer (default: only with --bus memory)." };
        var invalid = CommonSampleOptions.InvalidShare("Share of synthetic messages made invalid, 0..1.", 0.1);
        var rate = CommonSampleOptions.Rate("Synthetic messages per second.", 200);
        var port = new Option<int?>("--port") { Description = "Serve /metrics and /health on 127.0.0.1:PORT (default 9464; 0 picks a free port)." };
        var listen = new Option<string?>("--listen") { Description = "Full listen URL instead of --port, e.g. http://0.0.0.0:9464 in a container." };
        var summary = CommonSampleOptions.SummaryInterval(TimeSpan.FromSeconds(5));
        var configFile = CommonSampleOptions.ConfigFile();
        var verbose = CommonSampleOptions.Verbose("Log every warn-mode failure and fetch (noisy).");

        var root = new RootCommand("CoreRegistryClient pipeline sample: consumes telemetry.FeedbackEvent messages, validates each through ISchemaManager, dead-letters rejects and tracks backpressure.")
        {
            bus, redis, ns, mode, registryUrl, count, duration, produce, invalid, rate, port, listen, summary, configFile, verbose,
        };
        root.SetAction((result, cancellationToken) =>
        {
            var settings = new PipelineSettings
            {
                Bus = result.GetValue(bus)!,
                Redis = result.GetValue(redis)!,
                Namespace = result.GetValue(ns)!,
                Mode = result.GetValue(mode),
                RegistryUrl = result.GetValue(registryUrl),
                Count = result.GetValue(count),
                Duration = result.GetValue(duration),
                Produce = result.GetValue(produce),
                InvalidShare = result.GetValue(invalid),
                Rate = result.GetValue(rate),
                Listen = CommonSampleOptions.ListenUrl(result, listen, port, 9464),
                SummaryInterval = result.GetValue(summary),
                ConfigFile = result.GetValue(configFile),
                Verbose = result.GetValue(verbose),
            };
            return run(settings, cancellationToken);
        });
        return root;
    }
}
