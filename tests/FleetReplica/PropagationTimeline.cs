using System.Diagnostics;
using System.Globalization;
using CoreRegistryClient.Telemetry;
using CoreRegistryClient.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.FleetReplica;

/// <summary>Where one replica's propagation time goes, as unix-ms stamps of the first event after start-up: the event's
/// <c>ts</c>, when the listener handed it to the SDK (read), when the refresh load started, when its registry fetch
/// returned, when the load (fetch + hash + compile + swap) ended, and when the SDK's notification handling returned.
/// The stamps come from a decorator over <see cref="ISchemaNotifications"/> and the SDK's own activities, so nothing in
/// the SDK changes for this measurement.</summary>
internal sealed class PropagationTimeline : IDisposable
{
    private readonly ActivityListener _listener;
    private long _eventTs = -1, _read = -1, _loadStart = -1, _fetchDone = -1, _loadDone = -1, _handled = -1;
    private readonly string _schema;
    private volatile bool _armed;

    /// <param name="schema">The schema whose event is timed (others, e.g. a warm-up event, are not).</param>
    public PropagationTimeline(string schema)
    {
        _schema = schema;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SchemaEnforcementInstrumentation.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                if (Reading && activity.OperationName == "schema.load") Stamp(ref _loadStart);
            },
            ActivityStopped = activity =>
            {
                if (!Reading) return;
                if (activity.OperationName == "schema.load") Stamp(ref _loadDone);
                else if (activity.OperationName.StartsWith("registry ", StringComparison.Ordinal) && Interlocked.Read(ref _loadStart) != -1) Stamp(ref _fetchDone);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The timed event was read: loads from now on are its refresh.</summary>
    private bool Reading => Interlocked.Read(ref _read) != -1;

    /// <summary>Records from now on (after start-up, so the first load is not mistaken for the pushed one).</summary>
    public void Arm() => _armed = true;

    /// <summary>Wraps the SDK's <see cref="ISchemaNotifications"/> registration with the stamping decorator.</summary>
    public void Decorate(IServiceCollection services)
    {
        var descriptor = services.Single(d => d.ServiceType == typeof(ISchemaNotifications));
        services.Remove(descriptor);
        services.AddSingleton<ISchemaNotifications>(sp => new Stamping((ISchemaNotifications)descriptor.ImplementationFactory!(sp), this));
    }

    /// <summary>"timeline ts=… read=… load_start=… fetch_done=… load_done=… handled=…" (unix ms; -1: did not happen).</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"timeline ts={_eventTs} read={_read} load_start={_loadStart} fetch_done={_fetchDone} load_done={_loadDone} handled={_handled}");

    public void Dispose() => _listener.Dispose();

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static void Stamp(ref long field) => Interlocked.CompareExchange(ref field, Now(), -1);

    private sealed class Stamping(ISchemaNotifications inner, PropagationTimeline timeline) : ISchemaNotifications
    {
        public async Task<SchemaNotificationOutcome> SchemaPublishedAsync(SchemaPublishedNotification notification, CancellationToken cancellationToken = default)
        {
            var timed = timeline._armed && string.Equals(notification.Name, timeline._schema, StringComparison.Ordinal);
            if (timed)
            {
                Stamp(ref timeline._read);
                Interlocked.CompareExchange(ref timeline._eventTs, notification.PublishedAt?.ToUnixTimeMilliseconds() ?? -1, -1);
            }

            var outcome = await inner.SchemaPublishedAsync(notification, cancellationToken);
            if (timed) Stamp(ref timeline._handled);
            return outcome;
        }

        public void NotificationMalformed() => inner.NotificationMalformed();

        public Task CheckIndexAsync(CancellationToken cancellationToken = default) => inner.CheckIndexAsync(cancellationToken);

        public void BusConnectionChanged(bool connected)
        {
            // The listener reports itself connected once it knows the stream's tail: every event written from then on
            // reaches this replica, so a test may publish (one written before it is missed, by design: polling covers it).
            if (connected) Console.WriteLine("listening");
            inner.BusConnectionChanged(connected);
        }
    }
}
