namespace CoreRegistryClient.Notifications;

/// <summary>The seam a change bus drives: "schema X was published, refresh it now". Registered by
/// <c>AddSchemaEnforcement</c>; a bus package (e.g. <c>CoreRegistryClient.Redis</c>) resolves it from DI.</summary>
/// <remarks>A notification triggers exactly the refresh the index poller does for a changed schema: one load per
/// schema at a time (a notification joins a load in flight), the content verified against its sha256, compiled and
/// swapped atomically, logged (events 1003, 1030) and counted (<c>schema_notifications_*</c>). Polling stays the safety
/// net: whatever a bus misses, the next poll finds. All members are thread-safe and never throw for bad input.</remarks>
public interface ISchemaNotifications
{
    /// <summary>Refreshes the published schema if this replica uses it and runs other content; see
    /// <see cref="SchemaNotificationOutcome"/> for what else can happen. Completes when the swap (if any) is done.</summary>
    Task<SchemaNotificationOutcome> SchemaPublishedAsync(SchemaPublishedNotification notification, CancellationToken cancellationToken = default);

    /// <summary>An event arrived that could not be read: counted as received and ignored (<c>malformed</c>).</summary>
    void NotificationMalformed();

    /// <summary>Notifications may have been missed (a bus gap too large to replay): reads the registry index now and
    /// refreshes every cached schema that changed, as a poll does.</summary>
    Task CheckIndexAsync(CancellationToken cancellationToken = default);

    /// <summary>Reports the bus connection state for <c>schema_notification_bus_connected</c>.</summary>
    void BusConnectionChanged(bool connected);
}
