using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Redis;

/// <summary>The Redis package's log records (ids 1200–1249, category
/// <c>CoreRegistryClient.Redis.RedisSchemaNotificationListener</c>; catalogue in docs/metrics.md).</summary>
internal static partial class RedisNotificationLog
{
    [LoggerMessage(EventId = 1200, EventName = "NotificationListenerStarted", Level = LogLevel.Information,
        Message = "Listening for schema.published on {Stream} ({Endpoints}) after entry {LastId}")]
    public static partial void ListenerStarted(this ILogger logger, string stream, string endpoints, string lastId);

    [LoggerMessage(EventId = 1201, EventName = "NotificationReadFailed", Level = LogLevel.Warning,
        Message = "Reading schema.published from {Stream} failed ({ErrorType}); retrying in {DelaySeconds} s, index polling remains the safety net")]
    public static partial void ReadFailed(this ILogger logger, Exception exception, string stream, string errorType, double delaySeconds);

    [LoggerMessage(EventId = 1202, EventName = "NotificationsReplayed", Level = LogLevel.Information,
        Message = "Back on {Stream}: replayed {Count} schema.published event(s) missed after entry {LastId}")]
    public static partial void Replayed(this ILogger logger, string stream, int count, string lastId);

    [LoggerMessage(EventId = 1203, EventName = "NotificationGapTooLarge", Level = LogLevel.Warning,
        Message = "Back on {Stream}: more than {MaxCatchUp} events were missed after entry {LastId}, or they were trimmed; checking the whole registry index instead")]
    public static partial void GapTooLarge(this ILogger logger, string stream, int maxCatchUp, string lastId);

    [LoggerMessage(EventId = 1204, EventName = "NotificationUnreadable", Level = LogLevel.Warning,
        Message = "Ignored unreadable schema.published entry {EntryId} on {Stream}: {Reason} (at most one record per 10 s; all are counted in schema_notifications_ignored_total)")]
    public static partial void Unreadable(this ILogger logger, string entryId, string stream, string reason);
}
