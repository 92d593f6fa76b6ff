using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Metrics;
using CoreRegistryClient.Samples.Pipeline.Feedback;
using CoreRegistryClient.Samples.Pipeline.Processing;
using CoreRegistryClient.Samples.Pipeline.Producing;
using CoreRegistryClient.Samples.Pipeline.Reporting;
using CoreRegistryClient.Samples.Pipeline.Telemetry;
using CoreRegistryClient.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Samples.Pipeline;

/// <summary>Builds and runs the pipeline: embedded registry (unless <c>--registry-url</c>), bus, SDK,
/// consumer, producer, metrics and health endpoints.</summary>
internal static class PipelineHost
{
    /// <summary>Runs until <c>--count</c>, <c>--duration</c> or Ctrl+C; returns the exit code.</summary>
    public static async Task<int> RunAsync(PipelineSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        await using var embedded = settings.RegistryUrl is null
            ? await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { SchemaDirectory = Path.Combine(AppContext.BaseDirectory, "schemas") }, cancellationToken)
            : null;
        await using var app = Build(settings, embedded?.BaseUri, output);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        await output.WriteLineAsync($"pipeline: bus={settings.Bus} stream={settings.FeedbackStream} registry={settings.RegistryUrl?.ToString() ?? embedded!.BaseUri + " (embedded)"} metrics={address}/metrics health={address}/health");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary>The configured application, not started (tests start it themselves).</summary>
    public static WebApplication Build(PipelineSettings settings, Uri? embeddedRegistry, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        Configure(builder.Configuration, settings, embeddedRegistry);
        ConfigureLogging(builder.Logging, settings);
        builder.WebHost.UseUrls(settings.Listen);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(output);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IMessageBus>(_ => settings.Bus == "redis" ? new RedisStreamBus(settings.Redis) : new InMemoryMessageBus());
        services.AddSchemaEnforcement(builder.Configuration);
        services.AddHealthChecks().AddSchemaRegistry();
        services.AddSchemaMetrics(metrics => metrics.AddMeter(PipelineMetrics.MeterName));

        services.AddSingleton<BackpressureTracker>();
        services.AddSingleton<PipelineCounters>();
        services.AddSingleton<FeedbackProcessor>();
        services.AddSingleton<DeadLetterDepthMonitor>();
        services.AddSingleton<PipelineMetrics>();

        // Hosted services stop in reverse order: the reporter, registered first, prints the last line after the rest stopped.
        services.AddHostedService<SummaryReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadLetterDepthMonitor>());
        services.AddHostedService<PipelineConsumerService>();
        if (settings.ProducerEnabled)
        {
            services.AddSingleton<SyntheticFeedbackProducer>();
            services.AddHostedService(sp => sp.GetRequiredService<SyntheticFeedbackProducer>());
        }

        var app = builder.Build();
        _ = app.Services.GetRequiredService<PipelineMetrics>();
        app.MapSchemaMetrics();
        app.MapHealthChecks("/health");
        return app;
    }

    private static void Configure(ConfigurationManager configuration, PipelineSettings settings, Uri? embeddedRegistry)
    {
        // Lowest precedence: the sample's defaults; appsettings, environment variables (REGISTRY_*), the
        // --config-file and finally the command line override them in that order.
        var defaults = new Dictionary<string, string?>
        {
            ["REGISTRY_ENABLED"] = "true",
            ["SchemaEnforcement:CriticalSchemas:0"] = FeedbackProcessor.FeedbackSchema,
            ["Logging:LogLevel:Default"] = "Information",
        };
        if (embeddedRegistry is not null)
        {
            defaults["REGISTRY_URL"] = embeddedRegistry.ToString();
        }

        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        if (settings.ConfigFile is { } file)
        {
            configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: true);
        }

        var commandLine = new Dictionary<string, string?>();
        if (settings.Mode is { } mode)
        {
            commandLine["REGISTRY_ENFORCEMENT"] = mode;
        }

        if (settings.RegistryUrl is { } url)
        {
            commandLine["REGISTRY_URL"] = url.ToString();
        }

        configuration.AddInMemoryCollection(commandLine);
    }

    private static void ConfigureLogging(ILoggingBuilder logging, PipelineSettings settings)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        // The SDK logs every warn-mode failure and strict rejection, and the consumer every dead letter: at the
        // default 10% invalid share that is dozens of lines a second, so they show with --verbose only. The
        // summary line counts them; registry trouble and handler failures still show.
        if (!settings.Verbose)
        {
            logging.AddFilter("Microsoft", LogLevel.Warning);
            logging.AddFilter("System.Net.Http", LogLevel.Warning);
            logging.AddFilter("CoreRegistryClient.SchemaManager", LogLevel.Critical);
            logging.AddFilter("CoreRegistryClient.Samples.Messaging.AtLeastOnceConsumer", LogLevel.Error);
        }
    }
}
