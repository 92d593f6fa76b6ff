using CoreRegistryClient.Caching;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Notifications;

/// <summary>Turns a <see cref="SchemaPublishedNotification"/> into the poller's refresh of that one schema: the same
/// single-flight load (<see cref="SchemaCache.RefreshAsync"/>), hash check, swap and logs.</summary>
/// <remarks>Which track to ask: the published one when it ranks at or before the track in use (the same copy changed,
/// or the schema appeared on the preferred track); a change on a lower-ranked track only matters when the copy in use
/// is deprecated (then negotiation runs from the top). A load already in flight when the event arrives may have read
/// the registry before the publish, so when the joined load does not end with the published sha, one more load runs.</remarks>
internal sealed class SchemaNotificationHandler(
    SchemaCache cache,
    EnforcementPolicy policy,
    IndexPoller poller,
    SchemaMetrics metrics,
    TimeProvider time,
    ILogger<SchemaNotificationHandler> logger) : ISchemaNotifications
{
    public async Task<SchemaNotificationOutcome> SchemaPublishedAsync(SchemaPublishedNotification notification, CancellationToken cancellationToken = default)
    {
        metrics.NotificationReceived();
        if (notification is null || string.IsNullOrWhiteSpace(notification.Name) || string.IsNullOrWhiteSpace(notification.Track)
            || string.IsNullOrWhiteSpace(notification.Sha256))
        {
            return Ignored(notification, SchemaNotificationOutcome.Malformed);
        }

        if (!cache.TryGetEntry(notification.Name, out var entry) || entry.Current is not { } current)
        {
            return Ignored(notification, SchemaNotificationOutcome.UnknownSchema);
        }

        var (relevant, hint) = HintFor(notification, current);
        if (!relevant)
        {
            return Ignored(notification, SchemaNotificationOutcome.OtherTrack);
        }

        if (Runs(current, notification))
        {
            return Ignored(notification, SchemaNotificationOutcome.Stale);
        }

        var registryName = entry.RegistryName ?? notification.Name;
        var refreshed = await cache.RefreshAsync(entry, hint!, registryName).WaitAsync(cancellationToken).ConfigureAwait(false);
        if ((refreshed is null || !Runs(refreshed, notification)) && entry.LastError == SchemaLoadError.None)
        {
            refreshed = await cache.RefreshAsync(entry, hint!, registryName).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (refreshed is not null && !ReferenceEquals(refreshed, current))
        {
            var lag = notification.PublishedAt is { } published ? time.GetUtcNow() - published : (TimeSpan?)null;
            metrics.NotificationApplied(lag);
            logger.NotificationApplied(refreshed.Name, refreshed.Track, refreshed.Version, refreshed.Sha256, lag?.TotalMilliseconds ?? -1);
            return SchemaNotificationOutcome.Applied;
        }

        return Ignored(notification, entry.LastError != SchemaLoadError.None ? SchemaNotificationOutcome.RefreshFailed : SchemaNotificationOutcome.Stale);
    }

    public void NotificationMalformed()
    {
        metrics.NotificationReceived();
        Ignored(null, SchemaNotificationOutcome.Malformed);
    }

    public async Task CheckIndexAsync(CancellationToken cancellationToken = default)
    {
        logger.IndexCheckRequested();
        await poller.PollOnceAsync(cancellationToken).ConfigureAwait(false);
    }

    public void BusConnectionChanged(bool connected)
    {
        metrics.BusConnectionChanged(connected);
        logger.NotificationBusConnection(connected ? "connected" : "disconnected; index polling remains the safety net");
    }

    /// <summary>The fixed <c>reason</c> label of an outcome.</summary>
    internal static string Reason(SchemaNotificationOutcome outcome) => outcome switch
    {
        SchemaNotificationOutcome.Stale => "stale",
        SchemaNotificationOutcome.UnknownSchema => "unknown_schema",
        SchemaNotificationOutcome.OtherTrack => "other_track",
        SchemaNotificationOutcome.RefreshFailed => "refresh_failed",
        SchemaNotificationOutcome.Malformed => "malformed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Applied is not a reason to ignore."),
    };

    private static bool Runs(CompiledSchema schema, SchemaPublishedNotification notification) =>
        schema.Runs(notification.Track, notification.Sha256) && schema.Deprecated == notification.Deprecated;

    /// <summary>Whether the event concerns the copy this replica would negotiate, and the track to ask first.</summary>
    private (bool Relevant, string? Hint) HintFor(SchemaPublishedNotification notification, CompiledSchema current)
    {
        var tracks = policy.Current.TrackPolicy;
        var published = tracks.Rank(notification.Track);
        if (published < 0) return (false, null);
        var inUse = tracks.Rank(current.Track);
        if (inUse < 0 || published <= inUse) return (true, notification.Track);
        return current.Deprecated ? (true, tracks.Candidates[0]) : (false, null);
    }

    private SchemaNotificationOutcome Ignored(SchemaPublishedNotification? notification, SchemaNotificationOutcome outcome)
    {
        var reason = Reason(outcome);
        metrics.NotificationIgnored(reason);
        logger.NotificationIgnored(notification?.Name ?? "(unreadable)", notification?.Track ?? "(unreadable)", reason);
        return outcome;
    }
}
