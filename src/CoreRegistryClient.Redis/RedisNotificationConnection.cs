using StackExchange.Redis;

namespace CoreRegistryClient.Redis;

/// <summary>The connection the listener reads with: one of its own, opened from the configuration string (and closed
/// with the host), or the host's <see cref="IConnectionMultiplexer"/> from DI (borrowed, never closed here).</summary>
internal sealed class RedisNotificationConnection(Func<IServiceProvider, IConnectionMultiplexer>? borrowed, IServiceProvider services) : IAsyncDisposable
{
    /// <summary>The longest a blocking read waits on its own connection: short enough that a stop or a lost connection
    /// is noticed within a second, and well inside the multiplexer's async timeout (see <see cref="BlockFor"/>).</summary>
    private static readonly TimeSpan MaxBlock = TimeSpan.FromSeconds(1);

    private IConnectionMultiplexer? _owned;

    /// <summary>How long a read may block on the server (<c>XREAD BLOCK</c>), or null when it must not block. Only a
    /// connection of its own may block: StackExchange.Redis sends every command of a multiplexer over one socket, so a
    /// blocking read on the host's borrowed multiplexer would hold up the host's own commands behind it. The block stays
    /// under half the async timeout, so the multiplexer never counts the waiting read as timed out.</summary>
    public TimeSpan? BlockFor { get; private set; }

    /// <summary>Connects (a connection of its own does not fail when Redis is down: it keeps retrying in the background).</summary>
    public async Task<IConnectionMultiplexer> GetAsync(string? configuration)
    {
        if (borrowed is not null) return borrowed(services);
        if (_owned is { } owned) return owned;
        var options = ConfigurationOptions.Parse(configuration!);
        options.AbortOnConnectFail = false;
        options.ClientName ??= "core-registry-notifications";
        var halfTimeout = TimeSpan.FromMilliseconds(options.AsyncTimeout / 2.0);
        BlockFor = halfTimeout < MaxBlock ? halfTimeout : MaxBlock;
        _owned = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        return _owned;
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is { } owned) await owned.DisposeAsync().ConfigureAwait(false);
    }
}
