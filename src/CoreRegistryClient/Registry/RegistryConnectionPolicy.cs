namespace CoreRegistryClient.Registry;

/// <summary>How the registry client keeps its connections: the one home of the rule that keeps a warm connection
/// there for a cold miss.</summary>
/// <remarks>
/// <para>Why: a schema load sends its request synchronously on a load thread. Over an idle pooled connection that
/// needs no thread-pool thread, so a herd of thread-pool callers blocked on the miss is released as soon as the
/// registry answers. A new connection does need one (the HTTP stack opens connections on a thread-pool work item,
/// which queues behind the blocked callers), and so does an idle connection that the pool's scavenger has probed
/// (it leaves an asynchronous read pending on it, whose completion is a thread-pool work item too). The start-up
/// call and the index poller keep a connection open and freshly used; these settings keep it alive between polls
/// and make the events that spoil it rare.</para>
/// <para>Lifetime: twice the poll interval, at least <see cref="MinimumLifetime"/>: a connection is replaced that
/// often, so a DNS change of the registry is followed within that time (the price: one cold connection per lifetime,
/// until the next poll opens a new one). Idle timeout: four lifetimes, which makes the scavenger (it runs every
/// quarter of the idle timeout) probe idle connections once per lifetime rather than every 15 s, and is always longer
/// than the poll interval, so polls keep the connection. The handler is never rotated by the client factory (a new
/// handler is a new, empty pool); the lifetime takes care of DNS. Computed when the handler is built: a later change
/// of the poll interval applies after a restart.</para>
/// </remarks>
internal static class RegistryConnectionPolicy
{
    /// <summary>The shortest connection lifetime (the bound on following a DNS change when polls are frequent).</summary>
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(15);

    /// <summary>How long a connection is used before it is replaced.</summary>
    public static TimeSpan Lifetime(TimeSpan pollInterval) => pollInterval * 2 > MinimumLifetime ? pollInterval * 2 : MinimumLifetime;

    /// <summary>How long an unused connection is kept.</summary>
    public static TimeSpan IdleTimeout(TimeSpan pollInterval) => Lifetime(pollInterval) * 4;

    /// <summary>The registry client's primary handler for these options. Redirects are followed by
    /// <see cref="RegistryAttempt"/>, which applies the origin rule (<c>AllowCrossOriginRedirects</c>). Its connections are
    /// opened through <paramref name="connections"/>, so a load knows when it needs a new one.</summary>
    public static SocketsHttpHandler CreateHandler(SchemaEnforcementOptions options, RegistryConnections connections)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connections);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = Lifetime(options.PollInterval),
            PooledConnectionIdleTimeout = IdleTimeout(options.PollInterval),
        };
        connections.Install(handler);
        return handler;
    }
}
