using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CoreRegistryClient.Cli.Drills;

/// <summary>A service as <c>AddSchemaEnforcement</c> wires one — real HTTP registry client, cache, index poller, health
/// check — over the drilled registry, with a short poll interval so a drill sees a publish within seconds.</summary>
internal sealed class DrilledService : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private DrilledService(ServiceProvider services, OutageSwitch outage)
    {
        _services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
        Manager = services.GetRequiredService<ISchemaManager>();
        Outage = outage;
    }

    public ISchemaManager Manager { get; }

    /// <summary>Cuts this service (only) off from the registry.</summary>
    public OutageSwitch Outage { get; }

    public SchemaManagerStats Stats => Manager.GetStats();

    public static async Task<DrilledService> StartAsync(RegistrySettings settings, string track, EnforcementMode mode, CancellationToken cancellationToken)
    {
        var outage = new OutageSwitch();
        var services = new ServiceCollection();
        services.AddLogging(); // No providers: a drill reports through its steps, and a token can never reach a log.
        services.AddSchemaEnforcement(options =>
        {
            options.Enabled = true;
            options.RegistryUrl = settings.Url.ToString();
            options.Token = settings.Token;
            options.Timeout = settings.Timeout;
            options.Mode = mode;
            options.PreferTrack = track;
            options.FallbackTrack = track;
            options.PollInterval = TimeSpan.FromSeconds(1);
            options.RetryInterval = TimeSpan.FromSeconds(1);
            options.CacheTtl = TimeSpan.FromSeconds(5);
        });
        services.AddHttpClient(SchemaRegistryClient.HttpClientName).AddHttpMessageHandler(outage.CreateHandler);
        services.AddHealthChecks().AddSchemaRegistry();
        var service = new DrilledService(services.BuildServiceProvider(), outage);
        foreach (var hosted in service._hosted)
        {
            await hosted.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        return service;
    }

    public async Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        (await _services.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellationToken).ConfigureAwait(false)).Status;

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
