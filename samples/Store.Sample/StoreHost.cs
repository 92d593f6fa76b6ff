using CoreRegistryClient.Drift;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Metrics;
using CoreRegistryClient.Samples.Store.Drift;
using CoreRegistryClient.Samples.Store.Feedback;
using CoreRegistryClient.Samples.Store.Health;
using CoreRegistryClient.Samples.Store.Hosting;
using CoreRegistryClient.Samples.Store.Publishing;
using CoreRegistryClient.Samples.Store.Reporting;
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

namespace CoreRegistryClient.Samples.Store;

/// <summary>Builds and runs the store: embedded registry (unless <c>--registry-url</c>), bus, SDK, validating
/// FeedbackEvent publisher, drift monitor, metrics and health endpoints.</summary>
internal static class StoreHost
{
    /// <summary>Exit code of a configuration the store cannot run with (e.g. no fixtures).</summary>
    public const int UsageError = 2;

    /// <summary>Runs until <c>--count</c>, <c>--duration</c> or Ctrl+C; returns the exit code.</summary>
    public static async Task<int> RunAsync(StoreSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            _ = FixtureSets.Discover(settings.Fixtures);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException)
        {
            await error.WriteLineAsync($"store: {e.Message} Point --fixtures at local schema copies (see samples/Store.Sample/fixtures).");
            return UsageError;
        }

        await using var embedded = settings.RegistryUrl is null
            ? await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { SchemaDirectory = Path.Combine(AppContext.BaseDirectory, "schemas") }, cancellationToken)
            : null;
        await using var app = Build(settings, embedded?.BaseUri, output);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        await output.WriteLineAsync($"store: bus={settings.Bus} stream={settings.FeedbackStream} drift-stream={settings.DriftStream} registry={settings.RegistryUrl?.ToString() ?? embedded!.BaseUri + " (embedded)"} fixtures={settings.Fixtures} metrics={address}/metrics health={address}/health");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary>The configured application, not started (tests start it themselves).</summary>
    public static WebApplication Build(StoreSettings settings, Uri? embeddedRegistry, TextWriter output)
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
        services.AddHealthChecks()
            .AddSchemaRegistry()
            .AddCheck<MessageBusHealthCheck>("message-bus");
        services.AddSchemaMetrics();

        services.AddSingleton(sp => new FeedbackSimulator(settings.InvalidShare, settings.Seed, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<StoreCounters>();
        services.AddSingleton<FeedbackPublisher>();
        services.AddSingleton<RunProgress>();
        services.AddSingleton<DriftBoard>();
        services.AddSingleton<BusDriftEventPublisher>();
        services.AddSingleton(sp => new DriftReporter(
            sp.GetRequiredService<ISchemaRegistryClient>(),
            sp.GetRequiredService<BusDriftEventPublisher>(),
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            sp.GetRequiredService<ILogger<DriftReporter>>(),
            sp.GetRequiredService<TimeProvider>()));

        // Hosted services stop in reverse order: the reporter, registered first, prints the last line after the rest stopped.
        services.AddHostedService<SummaryReporter>();
        services.AddHostedService<DriftMonitorService>();
        services.AddHostedService<FeedbackPublisherService>();
        services.AddHostedService<RunLimitService>();

        var app = builder.Build();
        app.MapSchemaMetrics();
        app.MapHealthChecks("/health");
        return app;
    }

    private static void Configure(ConfigurationManager configuration, StoreSettings settings, Uri? embeddedRegistry)
    {
        // Lowest precedence: the sample's defaults; appsettings, environment variables (REGISTRY_*), the
        // --config-file and finally the command line override them in that order.
        var defaults = new Dictionary<string, string?>
        {
            ["REGISTRY_ENABLED"] = "true",

            // A producer validates to keep garbage off the bus: invalid events are withheld unless told otherwise.
            ["REGISTRY_ENFORCEMENT"] = "strict",
            ["SchemaEnforcement:CriticalSchemas:0"] = FeedbackEvent.SchemaName,
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

    private static void ConfigureLogging(ILoggingBuilder logging, StoreSettings settings)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        // The SDK logs every rejected event; at the default invalid share that is a line a second or more, so they
        // show with --verbose only (the summary line counts them). Drift, registry trouble and bus failures still show.
        if (settings.Verbose)
        {
            logging.AddFilter("CoreRegistryClient.Samples.Store", LogLevel.Debug);
        }
        else
        {
            logging.AddFilter("Microsoft", LogLevel.Warning);
            logging.AddFilter("System.Net.Http", LogLevel.Warning);
            logging.AddFilter("CoreRegistryClient.SchemaManager", LogLevel.Critical);
        }
    }
}
