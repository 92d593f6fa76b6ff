using CoreRegistryClient.Registry;
using CoreRegistryClient.Testing;
using CoreRegistryClient.Tests.TestSupport;

namespace CoreRegistryClient.Tests.Registry;

/// <summary><c>GET /index</c> is conditional: the last <c>ETag</c> goes out as <c>If-None-Match</c>, a <c>304</c> returns
/// the index read before, and a registry without entity tags is read in full as before. Over real loopback HTTP.</summary>
public sealed class ConditionalIndexTests
{
    [Test]
    public async Task A_second_index_read_sends_the_last_etag_and_a_304_returns_the_same_index()
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.WithFeedbackSchema("v1", "1.0.0");

        var first = await harness.Client.GetIndexAsync();
        var second = await harness.Client.GetIndexAsync();

        var requests = harness.Server.Requests.Where(r => r.Path == "/index").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(requests[0].IfNoneMatch, Is.Null, "nothing to be conditional on yet");
            Assert.That(requests[1].IfNoneMatch, Does.Match("^\"[0-9a-f]{64}\"$"), "the strong tag the registry served");
            Assert.That(second, Is.SameAs(first), "a 304 carries no body: the index read before is returned");
            Assert.That(harness.Observer.Calls.Where(c => c.Operation == RegistryOperation.Index).Select(c => c.StatusCode), Is.EqualTo(new int?[] { 200, 304 }));
            Assert.That((harness.Server.ResponseCount("/index", 200), harness.Server.ResponseCount("/index", 304)), Is.EqualTo((1, 1)),
                "the registry counts what it answered, as the fleet load measurement reads it");
        });
    }

    [Test]
    public async Task An_index_changed_since_the_last_read_is_read_in_full()
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.WithFeedbackSchema("v1", "1.0.0");
        var first = await harness.Client.GetIndexAsync();

        harness.Registry.Add("v1", "telemetry.FeedbackEvent", "1.1.0", """{"type":"object"}""");
        var second = await harness.Client.GetIndexAsync();
        var third = await harness.Client.GetIndexAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second.Tracks["v1"].Schemas.Single().LatestCoreVersion, Is.EqualTo("1.1.0"));
            Assert.That(first.Tracks["v1"].Schemas.Single().LatestCoreVersion, Is.EqualTo("1.0.0"));
            Assert.That(third, Is.SameAs(second), "the new tag is the one sent next");
            Assert.That(harness.Observer.Calls.Select(c => c.StatusCode), Is.EqualTo(new int?[] { 200, 200, 304 }));
        });
    }

    [Test]
    public async Task A_registry_without_etags_is_read_in_full_every_time()
    {
        await using var harness = await RegistryClientHarness.StartAsync(server: s => s.IndexETags = false);
        harness.WithFeedbackSchema("v1", "1.0.0");

        var first = await harness.Client.GetIndexAsync();
        var second = await harness.Client.GetIndexAsync();

        Assert.Multiple(() =>
        {
            Assert.That(harness.Server.Requests.Select(r => r.IfNoneMatch), Has.All.Null);
            Assert.That(second, Is.Not.SameAs(first));
            Assert.That(second.Tracks["v1"].Schemas.Single().Sha256, Is.EqualTo(first.Tracks["v1"].Schemas.Single().Sha256));
            Assert.That(harness.Observer.Calls.Select(c => c.StatusCode), Is.EqualTo(new int?[] { 200, 200 }));
        });
    }

    [Test]
    public async Task A_304_to_an_unconditional_call_is_an_invalid_response()
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.Server.ForceStatus(System.Net.HttpStatusCode.NotModified, "/index", times: 1, body: string.Empty);

        var error = Assert.ThrowsAsync<RegistryException>(() => harness.Client.GetIndexAsync());

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.InvalidResponse));
    }

    [Test]
    public async Task Polls_of_an_unchanged_index_fetch_no_body_and_no_schema_and_keep_the_schema_fresh()
    {
        await using var server = await LoopbackRegistryServer.StartAsync();
        server.Registry.Add("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.CreateOverHttp(server);
        harness.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8(TestSchemas.ValidPayload));
        var schemaRequests = server.RequestCount("/schemas");

        for (var i = 0; i < 3; i++)
        {
            Assert.That(await harness.Poller.PollOnceAsync(CancellationToken.None), Is.Zero);
        }

        var polls = server.Requests.Where(r => r.Path == "/index").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(server.RequestCount("/schemas"), Is.EqualTo(schemaRequests), "no schema body is fetched while its sha is unchanged");
            Assert.That(polls.Skip(1).Select(r => r.IfNoneMatch), Has.All.Not.Null, "every poll after the first is conditional");
            Assert.That(harness.Manager.GetStats().RegistryErrors, Is.Zero, "a 304 is a good answer, not an error");
        });

        server.Registry.Add("v1", TestSchemas.Name, "2.0.0", TestSchemas.FeedbackEventRenamedRequired);
        Assert.That(await harness.Poller.PollOnceAsync(CancellationToken.None), Is.EqualTo(1), "a change after 304s is seen at the next poll");
        Assert.That(harness.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8(TestSchemas.ValidPayload)).Version, Is.EqualTo("2.0.0"));
    }
}
