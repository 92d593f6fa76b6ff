using System.CommandLine;
using CoreRegistryClient.Samples.Hosting;

namespace CoreRegistryClient.Samples.Store;

/// <summary>The command line of the store sample. Options shared with the pipeline sample have the same names,
/// defaults and meaning.</summary>
internal static class StoreCommand
{
    /// <summary>The environment switches of the store checklist, beside the flags (a flag wins over its variable).</summary>
    public const string PulseEnabledVariable = "PULSE_ENABLED";

    /// <inheritdoc cref="PulseEnabledVariable"/>
    public const string EventBusBackendVariable = "EVENT_BUS_BACKEND";

    public static RootCommand Create(Func<StoreSettings, CancellationToken, Task<int>> run) => Create(run, Environment.GetEnvironmentVariable);

    /// <param name="run">What to do with the settings.</param>
    /// <param name="environment">Reads <c>PULSE_ENABLED</c> (true|false) and <c>EVENT_BUS_BACKEND</c> (inmem|redis).</param>
    public static RootCommand Create(Func<StoreSettings, CancellationToken, Task<int>> run, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var defaults = new StoreSettings();
        var common = new CommonOptionSet(
            new CommonOptionDescriptions(
                Namespace: "Stream namespace: events go to {ns}:telemetry.feedback and {ns}:telemetry.schema_drift.",
                Mode: "Enforcement mode off|warn|strict (default: REGISTRY_ENFORCEMENT, else strict: invalid events are withheld).",
                Count: "Stop after producing this many FeedbackEvents (and at least one drift run).",
                Port: $"Serve /metrics and /health on 127.0.0.1:PORT (default {StoreSettings.DefaultPort}; 0 picks a free port).",
                Listen: "Full listen URL instead of --port, e.g. http://0.0.0.0:9465 in a container.",
                Verbose: "Log every validation failure and fetch (noisy)."),
            defaults,
            StoreSettings.DefaultPort);
        var keepServing = CommonSampleOptions.Switch("--keep-serving", "After --count, keep serving /metrics and /health (drift checks go on) until --duration or Ctrl+C.");
        var invalid = CommonSampleOptions.InvalidShare("Share of FeedbackEvents a simulated buggy coordinator breaks, 0..1.", defaults.InvalidShare);
        var rate = CommonSampleOptions.Rate("FeedbackEvents per second over all coordinators.", defaults.Rate);
        var fixtures = CommonSampleOptions.Text("--fixtures", "Local schema copies to check for drift: a folder with _metadata.json, or a folder of such folders.", defaults.Fixtures);
        var driftInterval = CommonSampleOptions.Interval("--drift-interval", "How often the drift reporter runs (first run at start-up).", defaults.DriftInterval);
        var repo = CommonSampleOptions.Text("--repo", "The repo label of drift events and metrics.", defaults.Repository);
        var pulse = CommonSampleOptions.OptionalSwitch("--pulse", $"Publish telemetry.schema_drift events on the bus (default: {PulseEnabledVariable}, else true).");
        var driftReports = CommonSampleOptions.Text("--drift-report-dir", "Where the drift monitor writes drift_report.<track folder>.json.", defaults.DriftReportDirectory);

        var root = new RootCommand("CoreRegistryClient store sample: publishes telemetry.FeedbackEvent messages validated through ISchemaManager, and reports drift of its local schema copies as telemetry.schema_drift events.")
        {
            common.Bus, common.Redis, common.Namespace, common.Mode, common.RegistryUrl, common.Count, keepServing, common.Duration, invalid, rate,
            fixtures, driftInterval, repo, pulse, driftReports, common.Port, common.Listen, common.SummaryInterval, common.ConfigFile, common.Verbose, common.FeedbackSource, common.Provider,
        };
        root.Validators.Add(result =>
        {
            try
            {
                _ = EnvironmentSwitches.Flag(environment(PulseEnabledVariable), PulseEnabledVariable);
                _ = EnvironmentSwitches.Bus(environment(EventBusBackendVariable), EventBusBackendVariable);
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
            }
        });
        root.SetAction((result, cancellationToken) =>
        {
            var settings = common.Apply(result, new StoreSettings
            {
                PulseEnabled = result.GetValue(pulse) ?? EnvironmentSwitches.Flag(environment(PulseEnabledVariable), PulseEnabledVariable) ?? true,
                DriftReportDirectory = Path.GetFullPath(result.GetValue(driftReports)!),
                KeepServing = result.GetValue(keepServing),
                InvalidShare = result.GetValue(invalid),
                Rate = result.GetValue(rate),
                Fixtures = Path.GetFullPath(result.GetValue(fixtures)!),
                DriftInterval = result.GetValue(driftInterval),
                Repository = result.GetValue(repo)!,
            });
            if (result.GetResult(common.Bus) is null or { Implicit: true } && EnvironmentSwitches.Bus(environment(EventBusBackendVariable), EventBusBackendVariable) is { } bus)
            {
                settings = settings with { Bus = bus };
            }

            return run(settings, cancellationToken);
        });
        return root;
    }
}
