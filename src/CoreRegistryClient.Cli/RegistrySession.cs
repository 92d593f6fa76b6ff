using CoreRegistryClient.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.Cli;

/// <summary>The real registry client (typed HTTP client with retries, timeouts and a circuit breaker), in a
/// service provider that lives as long as the command.</summary>
internal sealed class RegistrySession : IRegistrySession
{
    private readonly ServiceProvider _services;

    private RegistrySession(ServiceProvider services)
    {
        _services = services;
        Client = services.GetRequiredService<ISchemaRegistryClient>();
    }

    public ISchemaRegistryClient Client { get; }

    public static IRegistrySession Create(RegistrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var services = new ServiceCollection();
        services.AddLogging(); // No providers: the tool reports errors itself, and a token can never reach a log.
        services.Configure<SchemaEnforcementOptions>(options =>
        {
            options.Enabled = true;
            options.RegistryUrl = settings.Url.ToString();
            options.Token = settings.Token;
            options.Timeout = settings.Timeout;
        });
        services.Configure<RegistryResilienceOptions>(options =>
        {
            // One attempt may use the whole budget: a command-line run has no later poll to catch up on.
            options.AttemptTimeout = settings.Timeout;
        });
        services.AddSchemaRegistryClient();
        return new RegistrySession(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
