using System.Diagnostics;
using System.Net;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Tests.TestSupport;

namespace CoreRegistryClient.Tests.Registry;

/// <summary>What the client tells the observer, the ActivitySource and the log about each call.</summary>
[NonParallelizable] // ActivityListeners are process-wide.
public sealed class SchemaRegistryClientTelemetryTests
{
    [Test]
    public async Task Each_call_is_reported_once_to_the_observer_with_operation_status_and_error()
    {
        await using var harness = await RegistryClientHarness.StartAsync(resilience: r => r.MaxRetryAttempts = 1);
        harness.WithFeedbackSchema();

        await harness.Client.GetHealthAsync();
        await harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent");
        Assert.ThrowsAsync<SchemaNotFoundException>(() => harness.Client.GetVersionsAsync("v2", "telemetry.FeedbackEvent"));
        harness.Server.ForceStatus(HttpStatusCode.ServiceUnavailable, "/index");
        Assert.ThrowsAsync<RegistryUnavailableException>(() => harness.Client.GetIndexAsync());

        Assert.That(harness.Observer.Calls.Select(c => (c.Operation, c.StatusCode, c.Error)), Is.EqualTo(new[]
        {
            (RegistryOperation.Health, (int?)200, (RegistryErrorKind?)null),
            (RegistryOperation.GetSchema, 200, null),
            (RegistryOperation.GetVersions, 404, RegistryErrorKind.NotFound),
            (RegistryOperation.Index, 503, RegistryErrorKind.Server),
        }));
        Assert.That(harness.Observer.Calls.Select(c => c.Duration), Is.All.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public async Task Each_call_is_a_client_activity_tagged_with_operation_and_schema()
    {
        using var activities = new ActivityRecorder();
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.WithFeedbackSchema();

        await harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent");
        Assert.ThrowsAsync<SchemaNotFoundException>(() => harness.Client.GetSchemaAsync("v2", "missing.Event"));

        var mine = activities.Stopped.Where(a => a.GetTagItem("registry.operation") is not null).ToList();
        Assert.That(mine, Has.Count.EqualTo(2));
        Assert.That(mine[0].DisplayName, Is.EqualTo("registry get_schema"));
        Assert.That(mine[0].Kind, Is.EqualTo(ActivityKind.Client));
        Assert.That(mine[0].GetTagItem("schema.name"), Is.EqualTo("telemetry.FeedbackEvent"));
        Assert.That(mine[0].GetTagItem("schema.track"), Is.EqualTo("v1"));
        Assert.That(mine[0].GetTagItem("http.response.status_code"), Is.EqualTo(200));
        Assert.That(mine[0].Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(mine[1].Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(mine[1].GetTagItem("error.type"), Is.EqualTo("NotFound"));
    }

    [Test]
    public async Task Logs_use_stable_event_ids_in_the_registry_range()
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.WithFeedbackSchema();
        harness.Server.ForceStatus(HttpStatusCode.ServiceUnavailable, times: 1);

        await harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent.schema");

        var ids = harness.Logs.Entries.Where(e => e.Category!.StartsWith("CoreRegistryClient", StringComparison.Ordinal)).Select(e => e.EventId.Id).ToList();
        Assert.That(ids, Is.All.InRange(2000, 2099));
        Assert.That(ids, Does.Contain(2000).And.Contain(2001).And.Contain(2004).And.Contain(2008));
    }
}
