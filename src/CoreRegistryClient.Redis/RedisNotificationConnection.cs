using StackExchange.Redis;

namespace CoreRegistryClient.Redis;

/// <summary>The connection the listener reads with: one of its own, opened from the configuration string (and closed
/// with the host), or the host's <see cref="IConnectionMultiplexer"/> from DI (borrowed, never closed here).</summary>
internal sealed class RedisNotificationConnection(Func<IServiceProvider, IConnectionMultiplexer>? borrowed, IServiceProvider services) : IAsyncDisposable
{
    private IConnectionMultiplexer? _owned;

    /// <summary>Connects (a connection of its own does not fail when Redis is down: it keeps retrying in the background).</summary>
    public async Task<IConnectionMultiplexer> GetAsync(string? configuration)
    {
        if (borrowed is not null) return borrowed(services);
        if (_owned is { } owned) return owned;
        var options = ConfigurationOptions.Parse(configuration!);
        options.AbortOnConnectFail = false;
        options.ClientName ??= "core-registry-notifications";
        _owned = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        return _owned;
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is { } owned) await owned.DisposeAsync().ConfigureAwait(false);
    }
}
