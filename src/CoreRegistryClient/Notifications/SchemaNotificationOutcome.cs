namespace CoreRegistryClient.Notifications;

/// <summary>What a <see cref="SchemaPublishedNotification"/> did. Every value but <see cref="Applied"/> is counted in
/// <c>schema_notifications_ignored_total{reason}</c> with the reason in brackets.</summary>
public enum SchemaNotificationOutcome
{
    /// <summary>The schema was refetched, its hash verified and the new validator swapped in.</summary>
    Applied,

    /// <summary>(<c>stale</c>) This replica already runs the published content, or the registry still serves the
    /// copy in use (the poller picks a later change up).</summary>
    Stale,

    /// <summary>(<c>unknown_schema</c>) This replica has no validator for the schema: nothing to refresh (its first use
    /// loads the latest).</summary>
    UnknownSchema,

    /// <summary>(<c>other_track</c>) The track is not one this replica takes the schema from.</summary>
    OtherTrack,

    /// <summary>(<c>refresh_failed</c>) The refetch failed (registry unreachable, hash mismatch, schema that does not
    /// compile); the last good validator keeps serving and the poller retries.</summary>
    RefreshFailed,

    /// <summary>(<c>malformed</c>) The event could not be read (not JSON, fields missing, too large).</summary>
    Malformed,
}
