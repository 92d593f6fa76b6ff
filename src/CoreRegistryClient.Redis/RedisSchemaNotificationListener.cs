using CoreRegistryClient.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CoreRegistryClient.Redis;

/// <summary>Reads <c>schema.published</c> from the stream's tail and hands each event to <see cref="ISchemaNotifications"/>.
/// A broadcast: every replica reads every event with <c>XREAD</c> (no consumer group) and remembers the last id.</summary>
/// <remarks>
/// <para>On a connection of its own (the connection-string overload) reads block on the server (<c>XREAD BLOCK</c>, see
/// <see cref="BlockingStreamRead"/>), so an event is read the moment it is written. On the host's shared
/// <c>IConnectionMultiplexer</c> they are non-blocking <c>XREAD COUNT 100</c>, repeated after
/// <see cref="RedisSchemaNotificationOptions.ReadInterval"/> when nothing is new: StackExchange.Redis multiplexes every
/// command on one socket, and a blocking read would hold up the host's commands queued behind it.</para>
/// <para>After a disconnect the missed events are replayed from the last id, at most
/// <see cref="RedisSchemaNotificationOptions.MaxCatchUp"/>; a larger gap, or one that cannot be proven complete (the stream
/// was trimmed past the last id, or is new or empty, e.g. Redis restarted without persistence), triggers one full index
/// check instead. The same check runs when the tail could only be read after a failure at start-up.</para>
/// <para>Nothing here can stop the host or degrade validation: Redis errors are retried every second (logged once per
/// outage), unreadable or oversized events are counted and skipped, and polling carries on throughout.</para>
/// </remarks>
internal sealed class RedisSchemaNotificationListener(
    RedisNotificationConnection connection,
    IOptions<RedisSchemaNotificationOptions> options,
    ISchemaNotifications notifications,
    TimeProvider time,
    ILogger<RedisSchemaNotificationListener> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan UnreadableLogWindow = TimeSpan.FromSeconds(10);

    private StreamId? _last;
    private volatile bool _missed;
    private bool _failedBeforeTail;
    private int _connected = -1;
    private long _lastUnreadableLog = long.MinValue;

    /// <summary>The id of the last event read, or null before the tail is known.</summary>
    internal string? LastId => _last?.ToString();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // host start-up never waits for Redis
        var settings = options.Value;
        var stream = settings.StreamName;
        IConnectionMultiplexer? multiplexer = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (multiplexer is null)
                    {
                        multiplexer = await connection.GetAsync(settings.ConnectionString).ConfigureAwait(false);
                        multiplexer.ConnectionFailed += OnConnectionFailed;
                        multiplexer.ConnectionRestored += OnConnectionRestored;
                    }

                    await ReadOnceAsync(multiplexer, stream, settings, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    if (_last is null) _failedBeforeTail = true;
                    else _missed = true;
                    if (Connected(false)) logger.ReadFailed(exception, stream, exception.GetType().Name, RetryDelay.TotalSeconds);
                    await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            if (multiplexer is not null)
            {
                multiplexer.ConnectionFailed -= OnConnectionFailed;
                multiplexer.ConnectionRestored -= OnConnectionRestored;
            }
        }
    }

    /// <summary>One step: learn the tail, or replay after a gap, then read what is new (or wait when nothing is).</summary>
    private async Task ReadOnceAsync(IConnectionMultiplexer multiplexer, string stream, RedisSchemaNotificationOptions settings, CancellationToken cancellationToken)
    {
        var database = multiplexer.GetDatabase();
        if (_last is null)
        {
            _last = await TailAsync(database, stream).ConfigureAwait(false);
            Connected(true);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.ListenerStarted(stream, string.Join(",", multiplexer.GetEndPoints().Select(e => e.ToString())), _last.Value.ToString());
            }

            if (_failedBeforeTail) await notifications.CheckIndexAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_missed)
        {
            _missed = false;
            await CatchUpAsync(database, stream, settings, cancellationToken).ConfigureAwait(false);
            Connected(true);
            return;
        }

        if (connection.BlockFor is { } block)
        {
            // A stop must not wait for the block to end; the abandoned read ends with it (or with the connection's close).
            var blocked = await BlockingStreamRead.ReadAsync(database, stream, _last.Value, BatchSize, block).WaitAsync(cancellationToken).ConfigureAwait(false);
            Connected(true);
            if (blocked.Length > 0) await HandleAsync(blocked, stream, settings, cancellationToken).ConfigureAwait(false);
            return;
        }

        var entries = await database.StreamReadAsync(stream, _last.Value.ToString(), BatchSize).ConfigureAwait(false);
        Connected(true);
        if (entries.Length == 0)
        {
            await Task.Delay(settings.ReadInterval, time, cancellationToken).ConfigureAwait(false);
            return;
        }

        await HandleAsync(entries, stream, settings, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<StreamId> TailAsync(IDatabase database, string stream)
    {
        var newest = await database.StreamRangeAsync(stream, "-", "+", count: 1, messageOrder: Order.Descending).ConfigureAwait(false);
        return newest.Length == 0 ? StreamId.Zero : StreamId.Parse(newest[0].Id!);
    }

    private async Task CatchUpAsync(IDatabase database, string stream, RedisSchemaNotificationOptions settings, CancellationToken cancellationToken)
    {
        var from = _last!.Value;
        var oldest = await database.StreamRangeAsync(stream, "-", "+", count: 1).ConfigureAwait(false);
        var missed = await database.StreamReadAsync(stream, from.ToString(), settings.MaxCatchUp + 1).ConfigureAwait(false);

        // Complete only if the stream still holds an entry at or before the last one read: then nothing after it was trimmed.
        var provable = from == StreamId.Zero || (oldest.Length > 0 && StreamId.Parse(oldest[0].Id!) <= from);
        if (missed.Length > settings.MaxCatchUp || !provable)
        {
            if (logger.IsEnabled(LogLevel.Warning)) logger.GapTooLarge(stream, settings.MaxCatchUp, from.ToString());
            _last = await TailAsync(database, stream).ConfigureAwait(false);
            await notifications.CheckIndexAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (missed.Length > 0) await HandleAsync(missed, stream, settings, cancellationToken).ConfigureAwait(false);
        if (logger.IsEnabled(LogLevel.Information)) logger.Replayed(stream, missed.Length, from.ToString());
    }

    private async Task HandleAsync(StreamEntry[] entries, string stream, RedisSchemaNotificationOptions settings, CancellationToken cancellationToken)
    {
        var applying = new List<Task>(entries.Length);
        foreach (var entry in entries)
        {
            if (Read(entry, settings.MaxEventBytes, out var reason) is { } notification)
            {
                applying.Add(ApplyAsync(notification, cancellationToken));
            }
            else
            {
                notifications.NotificationMalformed();
                LogUnreadable(entry.Id, stream, reason!);
            }
        }

        await Task.WhenAll(applying).ConfigureAwait(false);
        _last = StreamId.Parse(entries[^1].Id!);
    }

    /// <summary>The notification in an entry, or null with the reason it is unreadable (never throws: hostile input).</summary>
    private static SchemaPublishedNotification? Read(StreamEntry entry, int maxBytes, out string? reason)
    {
        var data = entry[MessageEnvelope.DataField];
        if (data.IsNull)
        {
            reason = "the entry has no 'data' field";
            return null;
        }

        if (data.Length() > maxBytes)
        {
            reason = $"the event is larger than {maxBytes} bytes (MaxEventBytes)";
            return null;
        }

        try
        {
            reason = null;
            return SchemaPublishedEvents.Parse((byte[])data!);
        }
        catch (Exception exception) when (exception is MalformedEnvelopeException or ArgumentException or FormatException or InvalidOperationException)
        {
            reason = exception.Message;
            return null;
        }
    }

    private async Task ApplyAsync(SchemaPublishedNotification notification, CancellationToken cancellationToken)
    {
        try
        {
            await notifications.SchemaPublishedAsync(notification, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The SDK handles and counts every outcome; an unexpected failure must not stop the reader (the poller retries).
        }
    }

    private void LogUnreadable(RedisValue entryId, string stream, string reason)
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastUnreadableLog);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < UnreadableLogWindow) return;
        Interlocked.Exchange(ref _lastUnreadableLog, now);
        if (logger.IsEnabled(LogLevel.Warning)) logger.Unreadable(entryId.ToString(), stream, reason);
    }

    /// <summary>Records the connection state; true when it changed.</summary>
    private bool Connected(bool connected)
    {
        var state = connected ? 1 : 0;
        if (Interlocked.Exchange(ref _connected, state) == state) return false;
        notifications.BusConnectionChanged(connected);
        return true;
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Interactive) return;
        if (_last is not null) _missed = true;
        Connected(false);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        // The replay runs on the next read; the gauge says connected once a read succeeds.
    }
}
