using System.Net;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Telemetry;
using CoreRegistryClient.Testing;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.Tests.Telemetry;

/// <summary>The registry token reaches the registry and nowhere else: not logs, exception messages, metric labels,
/// stats or option dumps, through fetches, failures, rejections and outages.</summary>
public class TokenRedactionTests
{
    private const string Token = "tok-5d1f0c9e-REDACT-ME";

    [Test]
    public async Task Token_is_sent_to_the_registry_but_appears_in_no_log_exception_metric_or_stats()
    {
        await using var server = await LoopbackRegistryServer.StartAsync();
        server.Registry.Add("v1", TestSchemas.Name, "1.0.0", TestSchemas.FeedbackEvent);
        using var harness = SchemaManagerHarness.CreateOverHttp(server, new Dictionary<string, string?>
        {
            ["REGISTRY_TOKEN"] = Token,
            ["REGISTRY_ENFORCEMENT"] = "strict",
        });
        var labels = new List<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, harness.Get<SchemaMetrics>().Meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => { foreach (var t in tags) labels.Add($"{t.Key}={t.Value}"); });
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) => { foreach (var t in tags) labels.Add($"{t.Key}={t.Value}"); });
        listener.Start();

        harness.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8(TestSchemas.ValidPayload));
        var rejection = Assert.Throws<SchemaValidationException>(() => harness.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8(TestSchemas.InvalidPayload)));
        server.ForceStatus(HttpStatusCode.Unauthorized);
        harness.Manager.Validate("other.Schema", TestSchemas.Utf8(TestSchemas.ValidPayload));
        await harness.Poller.PollOnceAsync(CancellationToken.None);
        server.ClearForcedStatus();
        server.Down = true;
        harness.Time.Advance(TimeSpan.FromSeconds(301));
        harness.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8(TestSchemas.ValidPayload));
        await harness.WaitForLoadAsync(TestSchemas.Name);

        var stats = harness.Manager.GetStats();
        Assert.Multiple(() =>
        {
            Assert.That(server.Requests.Select(r => r.Authorization), Has.Some.EqualTo("Bearer " + Token), "the registry does get the token");
            Assert.That(harness.Logs.Entries, Is.Not.Empty);
            Assert.That(harness.Logs.AllText, Does.Not.Contain(Token));
            Assert.That(rejection!.ToString(), Does.Not.Contain(Token));
            Assert.That(labels, Is.Not.Empty.And.None.Contains(Token));
            Assert.That(string.Join(" ", stats.Schemas.Select(s => s.ToString())), Does.Not.Contain(Token));
            Assert.That(stats.RegistryErrors, Is.GreaterThanOrEqualTo(2), "the unauthorized and the outage were counted");
            Assert.That(harness.Get<IOptions<SchemaEnforcementOptions>>().Value.ToString(), Does.Not.Contain(Token));
        });
    }
}
