using System.Net;
using System.Text.Json;
using CoreRegistryClient.Registry;
using Microsoft.Extensions.DependencyInjection;
using CoreRegistryClient.Tests.TestSupport;

namespace CoreRegistryClient.Tests.Registry;

/// <summary>The bearer token: sent only when configured, required for admin calls, never leaked.</summary>
public sealed class SchemaRegistryClientAuthorizationTests
{
    private const string Token = "tok-5f1c9e0a-secret-value";

    [Test]
    public async Task Without_a_token_no_Authorization_header_is_sent()
    {
        await using var harness = await RegistryClientHarness.StartAsync(options: o => o.Token = null);

        await harness.Client.GetIndexAsync();

        Assert.That(harness.Server.Requests.Single().Authorization, Is.Null);
    }

    [Test]
    public async Task With_a_token_every_request_carries_it_as_a_bearer_header()
    {
        await using var harness = await RegistryClientHarness.StartAsync(server: s => s.Token = Token, options: o => o.Token = Token);
        harness.WithFeedbackSchema();

        await harness.Client.GetIndexAsync();
        await harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent");
        await harness.Client.SyncAsync(new SyncRequest("local", Path: "schemas"));

        Assert.That(harness.Server.Requests.Select(r => r.Authorization), Is.All.EqualTo("Bearer " + Token));
        Assert.That(harness.Server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task The_token_is_never_a_default_header_of_the_factory_client()
    {
        await using var harness = await RegistryClientHarness.StartAsync(options: o => o.Token = Token);
        await harness.Client.GetIndexAsync();

        using var client = harness.Services.GetRequiredService<IHttpClientFactory>().CreateClient(SchemaRegistryClient.HttpClientName);

        Assert.That(client.DefaultRequestHeaders.Authorization, Is.Null);
        Assert.That(client.DefaultRequestHeaders.ToString(), Does.Not.Contain(Token));
    }

    [Test]
    public async Task Admin_calls_without_a_token_fail_before_anything_is_sent()
    {
        await using var harness = await RegistryClientHarness.StartAsync(options: o => o.Token = "   ");
        using var payload = JsonDocument.Parse("{}");

        var calls = new Func<Task>[]
        {
            () => harness.Client.PublishSchemaAsync(new PublishSchemaRequest("a.B", "v1", "1.0.0", payload.RootElement)),
            () => harness.Client.SyncAsync(new SyncRequest("local")),
            () => harness.Client.PostTelemetryAsync(new TelemetryEvent("telemetry.schema_drift", payload.RootElement)),
        };

        foreach (var call in calls)
        {
            var error = Assert.ThrowsAsync<RegistryException>(() => call());
            Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.Configuration));
            Assert.That(error.Message, Does.Contain("REGISTRY_TOKEN"));
        }

        Assert.That(harness.Server.RequestCount(), Is.Zero);
        Assert.That(harness.Observer.Calls.Select(c => c.Error), Is.All.EqualTo(RegistryErrorKind.Configuration));
    }

    [Test]
    public async Task The_token_never_appears_in_exceptions_logs_or_traces()
    {
        using var activities = new ActivityRecorder();
        await using var harness = await RegistryClientHarness.StartAsync(
            server: s => s.Token = "a-different-token",
            options: o => o.Token = Token,
            resilience: r => r.MaxRetryAttempts = 1);
        using var payload = JsonDocument.Parse("""{"x":1}""");
        var errors = new List<Exception>();

        async Task Capture(Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (RegistryException exception)
            {
                errors.Add(exception);
            }
        }

        await Capture(() => harness.Client.PostTelemetryAsync(new TelemetryEvent("telemetry.schema_drift", payload.RootElement))); // 403
        await Capture(() => harness.Client.GetSchemaAsync("v1", "missing.Event")); // 404
        harness.Server.ForceStatus(HttpStatusCode.Unauthorized, times: 1);
        await Capture(() => harness.Client.GetIndexAsync()); // 401
        harness.Server.CorruptBody = true;
        await Capture(() => harness.Client.GetIndexAsync()); // invalid response
        harness.Server.CorruptBody = false;
        harness.Server.ForceStatus(HttpStatusCode.BadGateway, times: 2);
        await Capture(() => harness.Client.GetHealthAsync()); // server error after retries
        harness.Server.Down = true;
        await Capture(() => harness.Client.GetHealthAsync()); // network

        Assert.That(errors.Select(e => ((RegistryException)e).Kind), Is.EquivalentTo(new[]
        {
            RegistryErrorKind.Unauthorized, RegistryErrorKind.NotFound, RegistryErrorKind.Unauthorized,
            RegistryErrorKind.InvalidResponse, RegistryErrorKind.Server, RegistryErrorKind.Network,
        }));
        Assert.That(harness.Server.Requests.Select(r => r.Authorization), Has.Some.EqualTo("Bearer " + Token), "the token was really sent");
        foreach (var error in errors)
        {
            Assert.That(error.ToString(), Does.Not.Contain(Token));
            Assert.That(error.Message, Does.Not.Contain(Token));
        }

        Assert.That(harness.Logs.Entries, Is.Not.Empty);
        Assert.That(harness.Logs.Entries.Where(e => e.Contains(Token)), Is.Empty);
        Assert.That(harness.Logs.Entries.Where(e => e.Category!.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)), Is.Empty,
            "the factory's loggers put raw header values in their structured state, so they are removed for this client");
        Assert.That(activities.Stopped.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString()), Has.None.Contains(Token));
    }
}
