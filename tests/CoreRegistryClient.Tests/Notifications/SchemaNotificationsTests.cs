using CoreRegistryClient.Notifications;
using CoreRegistryClient.Telemetry;
using CoreRegistryClient.Testing;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CoreRegistryClient.Tests.Notifications;

/// <summary>The push seam: a <c>schema.published</c> notification triggers exactly the refresh a poll would for that
/// schema, and everything else is ignored and counted.</summary>
public sealed class SchemaNotificationsTests
{
    private static readonly byte[] Valid = TestSchemas.Utf8(TestSchemas.ValidPayload);
    private static readonly string NewSha = InMemorySchemaRegistry.ComputeSha256(TestSchemas.FeedbackEventRenamedRequired);
    private static readonly string OldSha = InMemorySchemaRegistry.ComputeSha256(TestSchemas.FeedbackEvent);

    [Test]
    public async Task A_published_change_to_a_schema_in_use_is_fetched_verified_swapped_logged_and_its_lag_measured()
    {
        using var harness = SchemaManagerHarness.Create();
        using var applied = new MetricCollector<long>(harness.Get<SchemaMetrics>().Meter, "schema_notifications_applied");
        using var lag = new MetricCollector<double>(harness.Get<SchemaMetrics>().Meter, "schema_notification_lag");
        harness.Manager.Validate(TestSchemas.Name, Valid);
        var before = harness.Registry.Requests.Count;

        harness.Registry.Put("v1", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventRenamedRequired);
        var outcome = await Notifications(harness).SchemaPublishedAsync(Published("v1", NewSha, harness.Time.GetUtcNow() - TimeSpan.FromMilliseconds(150)));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(SchemaNotificationOutcome.Applied));
            Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).Version, Is.EqualTo("2.0.0"));
            Assert.That(harness.Registry.Requests.Skip(before), Is.EqualTo(new[] { $"GET /schemas/v1/{TestSchemas.Name}" }), "one fetch, no index read");
            Assert.That(applied.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(1));
            Assert.That(lag.GetMeasurementSnapshot().Single().Value, Is.EqualTo(0.15).Within(0.001));
            Assert.That(harness.Logs.WithEventId(1030).Count(), Is.EqualTo(1));
            Assert.That(harness.Logs.WithEventId(1003).Count(), Is.EqualTo(1), "the poller's swap record");
        });
    }

    [Test]
    public async Task A_notification_for_the_content_already_running_is_stale_and_fetches_nothing()
    {
        using var harness = SchemaManagerHarness.Create();
        using var ignored = new MetricCollector<long>(harness.Get<SchemaMetrics>().Meter, "schema_notifications_ignored");
        harness.Manager.Validate(TestSchemas.Name, Valid);
        var requests = harness.Registry.Requests.Count;

        var outcome = await Notifications(harness).SchemaPublishedAsync(Published("v1", OldSha.ToUpperInvariant()));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(SchemaNotificationOutcome.Stale));
            Assert.That(harness.Registry.Requests.Count, Is.EqualTo(requests));
            Assert.That(ignored.GetMeasurementSnapshot().Single().Tags["reason"], Is.EqualTo("stale"));
        });
    }

    [Test]
    public async Task A_schema_this_replica_does_not_use_is_ignored_without_a_request()
    {
        using var harness = SchemaManagerHarness.Create();
        using var ignored = new MetricCollector<long>(harness.Get<SchemaMetrics>().Meter, "schema_notifications_ignored");

        var outcome = await Notifications(harness).SchemaPublishedAsync(Published("v1", NewSha) with { Name = "market.NeverUsedHere" });

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(SchemaNotificationOutcome.UnknownSchema));
            Assert.That(harness.Registry.Requests, Is.Empty);
            Assert.That(ignored.GetMeasurementSnapshot().Single().Tags["reason"], Is.EqualTo("unknown_schema"));
        });
    }

    [Test]
    public async Task A_track_this_replica_does_not_take_the_schema_from_is_ignored()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_TRACK"] = "v1" });
        harness.Manager.Validate(TestSchemas.Name, Valid);
        var requests = harness.Registry.Requests.Count;

        var outcome = await Notifications(harness).SchemaPublishedAsync(Published("v2", NewSha));

        Assert.That(outcome, Is.EqualTo(SchemaNotificationOutcome.OtherTrack));
        Assert.That(harness.Registry.Requests.Count, Is.EqualTo(requests));
    }

    [Test]
    public async Task A_schema_published_on_the_preferred_track_moves_a_replica_off_the_fallback()
    {
        using var harness = SchemaManagerHarness.Create();
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).NegotiatedTrack, Is.EqualTo("v1"));
        harness.Registry.Put("v2", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventWithOptionalRegion);

        var outcome = await Notifications(harness).SchemaPublishedAsync(Published("v2", InMemorySchemaRegistry.ComputeSha256(TestSchemas.FeedbackEventWithOptionalRegion)));

        Assert.That(outcome, Is.EqualTo(SchemaNotificationOutcome.Applied));
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).NegotiatedTrack, Is.EqualTo("v2"));
    }

    [Test]
    public async Task A_refresh_that_fails_keeps_the_last_good_validator_and_is_counted()
    {
        using var harness = SchemaManagerHarness.Create();
        using var ignored = new MetricCollector<long>(harness.Get<SchemaMetrics>().Meter, "schema_notifications_ignored");
        harness.Manager.Validate(TestSchemas.Name, Valid);
        harness.Registry.Failure = FakeRegistryClient.Outage();

        var outcome = await Notifications(harness).SchemaPublishedAsync(Published("v1", NewSha));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(SchemaNotificationOutcome.RefreshFailed));
            Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).Version, Is.EqualTo("1.0.0"));
            Assert.That(ignored.GetMeasurementSnapshot().Single().Tags["reason"], Is.EqualTo("refresh_failed"));
        });
    }

    [Test]
    public async Task Concurrent_notifications_from_thread_pool_callers_share_one_fetch()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate(TestSchemas.Name, Valid);
        harness.Registry.Put("v1", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventRenamedRequired);
        var fetches = harness.Registry.SchemaRequests;
        harness.Registry.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var notifications = Notifications(harness);
        var pending = Enumerable.Range(0, 20).Select(_ => Task.Run(() => notifications.SchemaPublishedAsync(Published("v1", NewSha)))).ToList();
        await harness.Registry.FirstSchemaRequest.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(50);
        harness.Registry.Gate.SetResult();
        var outcomes = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(harness.Registry.SchemaRequests - fetches, Is.EqualTo(1), "single-flight");
            Assert.That(outcomes, Has.All.AnyOf(SchemaNotificationOutcome.Applied, SchemaNotificationOutcome.Stale));
            Assert.That(outcomes, Has.Some.EqualTo(SchemaNotificationOutcome.Applied));
            Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).Version, Is.EqualTo("2.0.0"));
        });
    }

    [Test]
    public async Task Malformed_notifications_are_counted_as_received_and_ignored_and_never_throw()
    {
        using var harness = SchemaManagerHarness.Create();
        using var received = new MetricCollector<long>(harness.Get<SchemaMetrics>().Meter, "schema_notifications_received");
        using var ignored = new MetricCollector<long>(harness.Get<SchemaMetrics>().Meter, "schema_notifications_ignored");
        var notifications = Notifications(harness);

        notifications.NotificationMalformed();
        var outcome = await notifications.SchemaPublishedAsync(Published("v1", " "));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(SchemaNotificationOutcome.Malformed));
            Assert.That(received.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(2));
            Assert.That(ignored.GetMeasurementSnapshot().Select(m => m.Tags["reason"]), Is.EqualTo(new[] { "malformed", "malformed" }));
        });
    }

    [Test]
    public async Task An_index_check_refreshes_what_changed_as_a_poll_does()
    {
        using var harness = SchemaManagerHarness.Create();
        harness.Manager.Validate(TestSchemas.Name, Valid);
        harness.Registry.Put("v1", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventRenamedRequired);
        var indexReads = harness.Registry.IndexRequests;

        await Notifications(harness).CheckIndexAsync();

        Assert.That(harness.Registry.IndexRequests - indexReads, Is.EqualTo(1));
        Assert.That(harness.Manager.Validate(TestSchemas.Name, Valid).Version, Is.EqualTo("2.0.0"));
        Assert.That(harness.Logs.WithEventId(1032).Count(), Is.EqualTo(1));
    }

    [Test]
    public void The_bus_gauge_is_absent_until_a_bus_reports_then_follows_it()
    {
        using var harness = SchemaManagerHarness.Create();
        using var connected = new MetricCollector<int>(harness.Get<SchemaMetrics>().Meter, "schema_notification_bus_connected");
        connected.RecordObservableInstruments();
        Assert.That(connected.GetMeasurementSnapshot(), Is.Empty);

        Notifications(harness).BusConnectionChanged(true);
        connected.RecordObservableInstruments();
        Notifications(harness).BusConnectionChanged(false);
        connected.RecordObservableInstruments();

        Assert.That(connected.GetMeasurementSnapshot().Select(m => m.Value), Is.EqualTo(new[] { 1, 0 }));
    }

    private static ISchemaNotifications Notifications(SchemaManagerHarness harness) => harness.Get<ISchemaNotifications>();

    private static SchemaPublishedNotification Published(string track, string sha, DateTimeOffset? at = null) =>
        new(TestSchemas.Name, track, "2.0.0", sha, false, at);
}
