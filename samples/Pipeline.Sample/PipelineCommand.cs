using System.CommandLine;
using CoreRegistryClient.Samples.Hosting;

namespace CoreRegistryClient.Samples.Pipeline;

/// <summary>The command line of the pipeline sample.</summary>
internal static class PipelineCommand
{
    public static RootCommand Create(Func<PipelineSettings, CancellationToken, Task<int>> run)
    {
        var defaults = new PipelineSettings();
        var common = new CommonOptionSet(
            new CommonOptionDescriptions(
                Namespace: "Stream namespace: streams are {ns}:telemetry.feedback and {ns}:telemetry.feedback.dlq.",
                Mode: "Enforcement mode off|warn|strict (default: REGISTRY_ENFORCEMENT, else warn).",
                Count: "Stop after receiving this many messages.",
                Port: "Serve /metrics and /health on 127.0.0.1:PORT (default 9464; 0 picks a free port).",
                Listen: "Full listen URL instead of --port, e.g. http://0.0.0.0:9464 in a container.",
                Verbose: "Log every warn-mode failure and fetch (noisy)."),
            defaults,
            defaultPort: 9464);
        var produce = CommonSampleOptions.OptionalSwitch("--produce", "Run the synthetic producer (default: only with --bus memory).");
        var invalid = CommonSampleOptions.InvalidShare("Share of synthetic messages made invalid, 0..1.", defaults.InvalidShare);
        var rate = CommonSampleOptions.Rate("Synthetic messages per second.", defaults.Rate);
        var reclaimAfter = CommonSampleOptions.Interval("--reclaim-after", "Take over messages another consumer left pending this long (checked every half of it).", defaults.ReclaimAfter);
        var prefill = CommonSampleOptions.Switch("--prefill", "With --produce and --count: publish the whole backlog first, then consume it (measures consuming alone).");
        var feedbackTtl = CommonSampleOptions.Interval("--feedback-ttl", "A store's backpressure reading stops counting this long after it arrived.", defaults.FeedbackTtl);

        var root = new RootCommand("CoreRegistryClient pipeline sample: consumes telemetry.FeedbackEvent messages, validates each through ISchemaManager, dead-letters rejects and tracks backpressure.")
        {
            common.Bus, common.Redis, common.Namespace, common.Mode, common.RegistryUrl, common.Count, common.Duration, produce, invalid, rate,
            reclaimAfter, feedbackTtl, prefill, common.Port, common.Listen, common.SummaryInterval, common.ConfigFile, common.Verbose, common.FeedbackSource, common.Provider,
        };
        root.Validators.Add(r =>
        {
            if (r.GetValue(prefill) && r.GetValue(common.Count) is null)
            {
                r.AddError("--prefill needs --count: the size of the backlog to publish before consuming.");
            }
        });
        root.SetAction((result, cancellationToken) =>
        {
            var settings = common.Apply(result, defaults with
            {
                InvalidShare = result.GetValue(invalid),
                Rate = result.GetValue(rate),
                ReclaimAfter = result.GetValue(reclaimAfter),
                FeedbackTtl = result.GetValue(feedbackTtl),
                Prefill = result.GetValue(prefill),
                Produce = result.GetValue(prefill) ? true : result.GetValue(produce),
            });
            return run(settings, cancellationToken);
        });
        return root;
    }
}
