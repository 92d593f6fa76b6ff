using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Pipeline.Feedback;
using CoreRegistryClient.Samples.Pipeline.Processing;
using CoreRegistryClient.Samples.Pipeline.Producing;
using CoreRegistryClient.Samples.Pipeline.Reporting;
using CoreRegistryClient.Samples.Pipeline.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Samples.Pipeline;

/// <summary>Builds and runs the pipeline: embedded registry (unless <c>--registry-url</c>), bus, SDK,
/// consumer, producer, metrics and health endpoints.</summary>
internal static class PipelineHost
{
    /// <summary>Runs until <c>--count</c>, <c>--duration</c> or Ctrl+C; returns the exit code.</summary>
    public static Task<int> RunAsync(PipelineSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken, IReadOnlyList<TimeSpan>? busBackoff = null) =>
        SampleHostBuilder.RunAsync(
            settings,
            (embedded, bus) => Build(settings, embedded, output, bus),
            (registry, address) => $"pipeline: bus={settings.Bus} stream={settings.FeedbackStream} registry={registry} metrics={address}/metrics health={address}/health",
            output,
            error,
            cancellationToken,
            busBackoff);

    /// <summary>The configured application, not started (tests start it themselves).</summary>
    public static WebApplication Build(PipelineSettings settings, Uri? embeddedRegistry, TextWriter output, IMessageBus? bus = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new Dictionary<string, string?> { ["SchemaEnforcement:CriticalSchemas:0"] = FeedbackProcessor.FeedbackSchema };
        var builder = SampleHostBuilder.Create(settings, embeddedRegistry, bus, output, defaults, logging => ConfigureLogging(logging, settings));
        var services = builder.Services;
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(PipelineMetrics.MeterName));

        services.AddSingleton<BackpressureTracker>();
        services.AddSingleton<PipelineCounters>();
        services.AddSingleton<FeedbackProcessor>();
        services.AddSingleton<DeadLetterDepthMonitor>();
        services.AddSingleton<PipelineMetrics>();
        services.AddSingleton<BacklogGate>();

        // Hosted services stop in reverse order: the reporter, registered first, prints the last line after the rest stopped.
        services.AddHostedService<PipelineSummaryReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadLetterDepthMonitor>());
        services.AddHostedService<PipelineConsumerService>();
        if (settings.ProducerEnabled)
        {
            services.AddSingleton<SyntheticFeedbackProducer>();
            services.AddHostedService(sp => sp.GetRequiredService<SyntheticFeedbackProducer>());
        }

        var app = builder.Build();
        _ = app.Services.GetRequiredService<PipelineMetrics>();
        return app.MapSampleEndpoints();
    }

    private static void ConfigureLogging(ILoggingBuilder logging, PipelineSettings settings)
    {
        // The SDK logs every warn-mode failure and strict rejection, and the consumer every dead letter: at the
        // default 10% invalid share that is dozens of lines a second, so they show with --verbose only. The
        // summary line counts them; registry trouble and handler failures still show.
        if (!settings.Verbose)
        {
            SampleHostBuilder.HideRoutineLogs(logging);
            logging.AddFilter("CoreRegistryClient.Samples.Messaging.AtLeastOnceConsumer", LogLevel.Error);
        }
    }
}
