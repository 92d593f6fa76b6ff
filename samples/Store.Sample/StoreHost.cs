using CoreRegistryClient.Drift;
using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Store.Drift;
using CoreRegistryClient.Samples.Store.Feedback;
using CoreRegistryClient.Samples.Store.Health;
using CoreRegistryClient.Samples.Store.Hosting;
using CoreRegistryClient.Samples.Store.Publishing;
using CoreRegistryClient.Samples.Store.Reporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Samples.Store;

/// <summary>Builds and runs the store: embedded registry (unless <c>--registry-url</c>), bus, SDK, validating
/// FeedbackEvent publisher, drift monitor, metrics and health endpoints.</summary>
internal static class StoreHost
{
    /// <summary>Runs until <c>--count</c>, <c>--duration</c> or Ctrl+C; returns the exit code.</summary>
    public static async Task<int> RunAsync(StoreSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken, IReadOnlyList<TimeSpan>? busBackoff = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            _ = FixtureSets.Discover(settings.Fixtures);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException)
        {
            await error.WriteLineAsync($"store: {e.Message} Point --fixtures at local schema copies (see samples/Store.Sample/fixtures).");
            return SampleExitCodes.CannotStart;
        }

        return await SampleHostBuilder.RunAsync(
            settings,
            (embedded, bus) => Build(settings, embedded, output, bus),
            (registry, address) => $"store: bus={settings.Bus} stream={settings.FeedbackStream} drift-stream={settings.DriftStream} registry={registry} fixtures={settings.Fixtures} metrics={address}/metrics health={address}/health",
            output,
            error,
            cancellationToken,
            busBackoff);
    }

    /// <summary>The configured application, not started (tests start it themselves).</summary>
    public static WebApplication Build(StoreSettings settings, Uri? embeddedRegistry, TextWriter output, IMessageBus? bus = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new Dictionary<string, string?>
        {
            // A producer validates to keep garbage off the bus: invalid events are withheld unless told otherwise.
            ["REGISTRY_ENFORCEMENT"] = "strict",
            ["SchemaEnforcement:CriticalSchemas:0"] = FeedbackReport.SchemaName,
        };
        var builder = SampleHostBuilder.Create(settings, embeddedRegistry, bus, output, defaults, logging => ConfigureLogging(logging, settings));
        var services = builder.Services;
        services.AddHealthChecks().AddCheck<MessageBusHealthCheck>("message-bus");

        services.AddSingleton(sp => new FeedbackSimulator(settings.InvalidShare, settings.Seed, sp.GetRequiredService<TimeProvider>(), settings.FeedbackSource, settings.Provider));
        services.AddSingleton<StoreCounters>();
        services.AddSingleton<FeedbackPublisher>();
        services.AddSingleton<RunProgress>();
        services.AddSingleton<DriftBoard>();
        services.AddSingleton<BusDriftEventPublisher>();
        services.AddSingleton<IDriftEventPublisher>(sp => sp.GetRequiredService<BusDriftEventPublisher>());

        // Hosted services stop in reverse order: the reporter, registered first, prints the last line after the rest stopped.
        services.AddHostedService<StoreSummaryReporter>();
        services.AddSchemaDriftMonitor(drift =>
        {
            foreach (var set in FixtureSets.Discover(settings.Fixtures))
            {
                drift.SchemaDirectories.Add(set);
            }

            // A sample shows drift within seconds, so it runs at start-up and every --drift-interval rather than nightly.
            (drift.RunOnStart, drift.Interval, drift.DailyAtUtc) = (true, settings.DriftInterval, null);
            drift.ReportDirectory = settings.DriftReportDirectory;
            drift.Repository = settings.Repository;
            drift.PublishEvents = settings.PulseEnabled;

            // The embedded registry's /compat/check is a stub that calls everything compatible; only a real
            // registry's answer is worth more than the reporter's own structural diff.
            drift.UseRegistryCompatibilityCheck = settings.RegistryUrl is not null;
        });
        services.AddHostedService<FeedbackPublisherService>();
        services.AddHostedService<RunLimitService>();

        return builder.Build().MapSampleEndpoints();
    }

    private static void ConfigureLogging(ILoggingBuilder logging, StoreSettings settings)
    {
        // The SDK logs every rejected event; at the default invalid share that is a line a second or more, so they
        // show with --verbose only (the summary line counts them). Drift, registry trouble and bus failures still show.
        if (settings.Verbose)
        {
            logging.AddFilter("CoreRegistryClient.Samples.Store", LogLevel.Debug);
        }
        else
        {
            SampleHostBuilder.HideRoutineLogs(logging);
        }
    }
}
