using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Telemetry;
using CoreRegistryClient.Testing;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CoreRegistryClient.Samples.Hosting;

/// <summary>The hosting both samples share: configuration layering, console logging, the bus, the SDK, and the
/// <c>/metrics</c> (OpenTelemetry's Prometheus exporter) and <c>/health</c> web host.</summary>
internal static class SampleHostBuilder
{
    /// <summary>Checks that the bus answers, starts the embedded registry unless <see cref="SampleSettings.RegistryUrl"/>
    /// is set, builds and starts the app, prints <paramref name="banner"/> (given the registry text and listen
    /// address) and runs until shutdown; returns the exit code (<see cref="SampleExitCodes"/>).</summary>
    public static async Task<int> RunAsync(SampleSettings settings, Func<Uri?, IMessageBus, WebApplication> build, Func<string, string, string> banner, TextWriter output, TextWriter error, CancellationToken cancellationToken, IReadOnlyList<TimeSpan>? busBackoff = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(banner);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        await using var bus = CreateBus(settings);
        if (bus is RedisStreamBus redis && !await RedisStartupCheck.WaitAsync(redis, settings.SampleName, error, busBackoff ?? RedisStartupCheck.DefaultBackoff, TimeProvider.System, cancellationToken))
        {
            return SampleExitCodes.BusUnavailable;
        }

        await using var embedded = settings.RegistryUrl is null
            ? await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { SchemaDirectory = Path.Combine(AppContext.BaseDirectory, "schemas") }, cancellationToken)
            : null;
        await using var app = build(embedded?.BaseUri, bus);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            await error.WriteLineAsync($"{settings.SampleName}: cannot listen on {settings.Listen}: the port is already in use (another {settings.SampleName} running?). Pick another with --port N (--port 0 picks a free one) or --listen URL.");
            await StopQuietlyAsync(app);
            return SampleExitCodes.CannotStart;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        await output.WriteLineAsync(banner(settings.RegistryUrl?.ToString() ?? embedded!.BaseUri + " (embedded)", address));
        await app.WaitForShutdownAsync(cancellationToken);
        return SampleExitCodes.Ok;
    }

    /// <summary>The bus <paramref name="settings"/> ask for; a Redis bus connects on first use, with StackExchange.Redis
    /// serving its connections from threads of their own (<see cref="RedisStreamBus.UseDedicatedThreads"/>).</summary>
    public static IMessageBus CreateBus(SampleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Bus != "redis")
        {
            return new InMemoryMessageBus();
        }

        RedisStreamBus.UseDedicatedThreads();
        return new RedisStreamBus(settings.Redis);
    }

    /// <summary>A web app builder with the sample's configuration, logging, bus, SDK and metrics registered.</summary>
    /// <param name="settings">The command line; registered as <typeparamref name="TSettings"/>.</param>
    /// <param name="embeddedRegistry">The embedded registry, the default <c>REGISTRY_URL</c>.</param>
    /// <param name="bus">The bus (owned by the caller), or null to make one from <paramref name="settings"/> that the app owns.</param>
    /// <param name="output">Where summary lines go; registered as <see cref="TextWriter"/>.</param>
    /// <param name="defaults">The sample's own lowest-precedence settings.</param>
    /// <param name="configureLogging">The sample's log filters, applied after the console provider.</param>
    public static WebApplicationBuilder Create<TSettings>(TSettings settings, Uri? embeddedRegistry, IMessageBus? bus, TextWriter output, IReadOnlyDictionary<string, string?> defaults, Action<ILoggingBuilder> configureLogging)
        where TSettings : SampleSettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(configureLogging);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        Configure(builder.Configuration, settings, embeddedRegistry, defaults);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        // A port in use is reported in one line by RunAsync; Kestrel's and the host's own account of it is a wall of text.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        configureLogging(builder.Logging);
        builder.WebHost.UseUrls(settings.Listen);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(output);
        services.AddSingleton(TimeProvider.System);
        if (bus is null)
        {
            services.AddSingleton(_ => CreateBus(settings));
        }
        else
        {
            services.AddSingleton(bus);
        }

        services.AddSchemaEnforcement(builder.Configuration);
        services.AddHealthChecks().AddSchemaRegistry();

        // The SDK's meter through the official exporter; each sample adds its own meter with WithMetrics as well.
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.SampleName + "-sample"))
            .WithMetrics(metrics => metrics.AddSchemaEnforcementInstrumentation().AddPrometheusExporter());
        return builder;
    }

    /// <summary>Hides framework chatter and the SDK's per-message logs; registry trouble still shows.</summary>
    public static void HideRoutineLogs(ILoggingBuilder logging)
    {
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        logging.AddFilter("CoreRegistryClient.SchemaManager", LogLevel.Critical);
    }

    /// <summary>Serves <c>/metrics</c> (Prometheus text from OpenTelemetry's exporter) and <c>/health</c> (JSON, <see cref="HealthResponseWriter"/>).</summary>
    public static WebApplication MapSampleEndpoints(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        return app;
    }

    private static async Task StopQuietlyAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The host never fully started; there is nothing left to stop cleanly.
        }
    }

    private static void Configure(ConfigurationManager configuration, SampleSettings settings, Uri? embeddedRegistry, IReadOnlyDictionary<string, string?> sampleDefaults)
    {
        // Lowest precedence: the sample's defaults; appsettings, environment variables (REGISTRY_*), the
        // --config-file and finally the command line override them in that order.
        var defaults = new Dictionary<string, string?>
        {
            ["REGISTRY_ENABLED"] = "true",
            ["Logging:LogLevel:Default"] = "Information",
        };
        foreach (var (key, value) in sampleDefaults)
        {
            defaults[key] = value;
        }

        if (embeddedRegistry is not null)
        {
            defaults["REGISTRY_URL"] = embeddedRegistry.ToString();
        }

        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
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
}
