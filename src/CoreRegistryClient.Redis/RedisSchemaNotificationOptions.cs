namespace CoreRegistryClient.Redis;

/// <summary>How <c>AddRedisSchemaNotifications</c> reads <c>schema.published</c> events. Validated at start-up.</summary>
public sealed class RedisSchemaNotificationOptions
{
    /// <summary>The StackExchange.Redis configuration string (e.g. <c>redis:6379,password=…,ssl=true</c>), set by the
    /// connection-string overload; null when the host's <c>IConnectionMultiplexer</c> is used. Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The stream namespace: events are read from <c>{Namespace}:schema.published</c>. Default: <c>mdp</c>.</summary>
    public string Namespace { get; set; } = SchemaPublishedEvents.DefaultNamespace;

    /// <summary>The full stream name, overriding <see cref="Namespace"/>. Default: none.</summary>
    public string? Stream { get; set; }

    /// <summary>With the host's <c>IConnectionMultiplexer</c> (reads there are non-blocking, so a shared connection is
    /// never held up): how long to wait before reading the stream again after a read found nothing new, the push
    /// latency's upper bound on a quiet stream. Not used with a connection string: that connection is the listener's own,
    /// and its reads block on the server until an event arrives. Between 10 ms and 60 s. Default: 100 ms.</summary>
    public TimeSpan ReadInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>After a reconnect, at most this many missed events are replayed; a larger (or unknown, trimmed) gap
    /// triggers one full index check instead. Between 1 and 100,000. Default: 1000.</summary>
    public int MaxCatchUp { get; set; } = 1000;

    /// <summary>An event whose <c>data</c> field is larger than this is ignored unread (counted as <c>malformed</c>).
    /// Between 256 bytes and 16 MiB. Default: 64 KiB.</summary>
    public int MaxEventBytes { get; set; } = 64 * 1024;

    /// <summary>The stream read: <see cref="Stream"/>, else <c>{Namespace}:schema.published</c>.</summary>
    internal string StreamName => string.IsNullOrWhiteSpace(Stream) ? SchemaPublishedEvents.StreamName(Namespace) : Stream;
}
