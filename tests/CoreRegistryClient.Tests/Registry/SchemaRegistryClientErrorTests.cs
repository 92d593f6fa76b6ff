using System.Net;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Tests.TestSupport;

namespace CoreRegistryClient.Tests.Registry;

/// <summary>Typed errors, retries, timeouts and the circuit breaker, against a loopback registry with faults.</summary>
public sealed class SchemaRegistryClientErrorTests
{
    private const string FeedbackPath = "/schemas/v1/telemetry.FeedbackEvent";

    [Test]
    public async Task Unknown_schema_is_a_SchemaNotFoundException_with_status_404()
    {
        await using var harness = await RegistryClientHarness.StartAsync();

        var error = Assert.ThrowsAsync<SchemaNotFoundException>(() => harness.Client.GetSchemaAsync("v1", "missing.Event"));

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.NotFound));
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error.Message, Does.Contain("missing.Event").And.Contain("v1"));
        Assert.That(harness.Observer.Calls.Single(), Is.EqualTo(harness.Observer.Calls.Single() with
        {
            Operation = RegistryOperation.GetSchema,
            StatusCode = 404,
            Error = RegistryErrorKind.NotFound,
        }));
        Assert.That(harness.Server.RequestCount(), Is.EqualTo(2), "the name and its .schema spelling, no retries");
    }

    [Test]
    public async Task Unknown_version_is_a_SchemaNotFoundException()
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.WithFeedbackSchema();

        var error = Assert.ThrowsAsync<SchemaNotFoundException>(() => harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent", "9.9.9"));

        Assert.That(error!.Message, Does.Contain("9.9.9"));
    }

    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.Forbidden)]
    public async Task Refused_credentials_are_Unauthorized_and_not_retried(HttpStatusCode status)
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.Server.ForceStatus(status);

        var error = Assert.ThrowsAsync<RegistryException>(() => harness.Client.GetIndexAsync());

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.Unauthorized));
        Assert.That(error.StatusCode, Is.EqualTo(status));
        Assert.That(harness.Server.RequestCount(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_wrong_token_on_an_admin_call_is_Unauthorized()
    {
        await using var harness = await RegistryClientHarness.StartAsync(server: s => s.Token = "right", options: o => o.Token = "wrong");

        var error = Assert.ThrowsAsync<RegistryException>(() => harness.Client.SyncAsync(new SyncRequest("local")));

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.Unauthorized));
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(harness.Registry.SyncRequests, Is.Empty);
    }

    [Test]
    public async Task A_refused_request_is_Rejected_and_not_retried()
    {
        await using var harness = await RegistryClientHarness.StartAsync(options: o => o.Token = "token");
        harness.Server.ForceStatus(HttpStatusCode.UnprocessableEntity, "/admin/sync");

        var error = Assert.ThrowsAsync<RegistryException>(() => harness.Client.SyncAsync(new SyncRequest("local")));

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.Rejected));
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(harness.Server.RequestCount("/admin/sync"), Is.EqualTo(1));
    }

    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.RequestTimeout)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    public async Task A_transient_failure_is_retried_and_the_call_succeeds(HttpStatusCode status)
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.WithFeedbackSchema();
        harness.Server.ForceStatus(status, FeedbackPath, times: 2);

        var schema = await harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent");

        Assert.That(schema.CoreVersion, Is.EqualTo("1.0.0"));
        Assert.That(harness.Server.RequestCount(FeedbackPath), Is.EqualTo(3));
        Assert.That(harness.Observer.Calls.Single().Error, Is.Null);
        Assert.That(harness.Logs.Entries.Count(e => e.EventId.Id == 2004), Is.EqualTo(2), "one retry log per retry");
    }

    [Test]
    public async Task A_429_with_Retry_After_is_retried()
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.Server.ForceStatus(HttpStatusCode.TooManyRequests, "/index", times: 1, retryAfter: TimeSpan.FromSeconds(120));

        var index = await harness.Client.GetIndexAsync();

        Assert.That(index.Tracks, Is.Empty);
        Assert.That(harness.Server.RequestCount("/index"), Is.EqualTo(2), "Retry-After beyond the bound is capped, not obeyed for two minutes");
    }

    [Test]
    public async Task A_permanent_server_error_is_RegistryUnavailable_after_every_attempt()
    {
        await using var harness = await RegistryClientHarness.StartAsync(resilience: r => r.MaxRetryAttempts = 2);
        harness.Server.ForceStatus(HttpStatusCode.ServiceUnavailable);

        var error = Assert.ThrowsAsync<RegistryUnavailableException>(() => harness.Client.GetIndexAsync());

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.Server));
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(harness.Server.RequestCount("/index"), Is.EqualTo(3), "the first attempt and two retries");
        Assert.That(harness.Observer.Calls.Single(), Is.EqualTo(harness.Observer.Calls.Single() with { StatusCode = 503, Error = RegistryErrorKind.Server }));
        Assert.That(harness.Logs.Entries.Any(e => e.EventId.Id == 2002 && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning), Is.True);
    }

    [Test]
    public async Task Flapping_registry_is_ridden_out_by_retries()
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.WithFeedbackSchema();
        harness.Server.Flapping = true;

        for (var i = 0; i < 4; i++)
        {
            var schema = await harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent");
            Assert.That(schema.Name, Is.EqualTo("telemetry.FeedbackEvent"));
        }

        Assert.That(harness.Server.RequestCount(), Is.EqualTo(8), "every call failed once and then succeeded");
    }

    [Test]
    public async Task A_registry_slower_than_the_timeout_is_a_Timeout()
    {
        await using var harness = await RegistryClientHarness.StartAsync(
            options: o => o.Timeout = TimeSpan.FromMilliseconds(400),
            resilience: r => r.MaxRetryAttempts = 1);
        harness.Server.Delay = TimeSpan.FromMinutes(5);

        var error = Assert.ThrowsAsync<RegistryUnavailableException>(() => harness.Client.GetIndexAsync());

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.Timeout));
        Assert.That(error.StatusCode, Is.Null);
        Assert.That(harness.Observer.Calls.Single().Error, Is.EqualTo(RegistryErrorKind.Timeout));
    }

    [Test]
    public async Task A_slow_attempt_is_abandoned_and_retried_within_the_total_budget()
    {
        await using var harness = await RegistryClientHarness.StartAsync(
            options: o => o.Timeout = TimeSpan.FromMinutes(2),
            resilience: r => r.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        harness.Server.Delay = TimeSpan.FromMinutes(5);
        var call = harness.Client.GetIndexAsync();
        // The first attempt hangs; once it is in, make the registry fast again so a retry can succeed.
        await harness.Server.WaitForRequestsAsync("/index", 1).WaitAsync(TimeSpan.FromSeconds(30));
        harness.Server.Delay = TimeSpan.Zero;

        var index = await call;

        Assert.That(index.Tracks, Is.Empty);
        Assert.That(harness.Server.RequestCount("/index"), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task A_corrupt_body_is_an_InvalidResponse_and_not_retried()
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.Server.CorruptBody = true;

        var error = Assert.ThrowsAsync<RegistryException>(() => harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent"));

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.InvalidResponse));
        Assert.That(error.Message, Does.Contain("GET /schemas/v1/telemetry.FeedbackEvent"));
        Assert.That(harness.Server.RequestCount(), Is.EqualTo(1));
    }

    [TestCase("/index", """{"tracks":{"v1":{"count":1,"schemas":[{"name":"a.B","latest_core_version":"1.0.0"}]}}}""", "sha256")]
    [TestCase("/index", """{"generated_at":"2026-01-01T00:00:00Z"}""", "tracks")]
    [TestCase("/index", """{"tracks":{"v1":null}}""", "v1")]
    [TestCase("/index", """{"tracks":[]}""", "tracks")]
    [TestCase("/index", "null", "null")]
    [TestCase("/index", "", "GET /index")]
    [TestCase("/health", """{"status":null}""", "status")]
    [TestCase("/schemas", """{"name":"a.B","track":"v1","core_version":"1.0.0","sha256":"ab","content":"{}"}""", "content")]
    [TestCase("/schemas", """{"name":"a.B","track":"v1","sha256":"ab","content":{}}""", "core_version")]
    [TestCase("/schemas", """{"name":"","track":"v1","core_version":"1.0.0","sha256":"ab","content":{}}""", "name")]
    public async Task A_response_of_the_wrong_shape_is_an_InvalidResponse_naming_the_endpoint(string path, string body, string mentioned)
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.Server.ForceStatus(HttpStatusCode.OK, path, body: body);

        var error = Assert.ThrowsAsync<RegistryException>(async () =>
        {
            _ = path switch
            {
                "/index" => (object)await harness.Client.GetIndexAsync(),
                "/health" => await harness.Client.GetHealthAsync(),
                _ => await harness.Client.GetSchemaAsync("v1", "a.B"),
            };
        });

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.InvalidResponse));
        Assert.That(error.Message, Does.Contain(mentioned));
        Assert.That(error.Message, Does.Contain("GET /"));
    }

    [Test]
    public async Task A_compatibility_answer_without_reasons_or_advice_reads_as_empty_lists()
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.Server.ForceStatus(HttpStatusCode.OK, "/compat", body: """{"compatible":true}""");

        var result = await harness.Client.CheckCompatibilityAsync(new CompatibilityQuery("a.B", "v1", "1", "v2", "2"));

        Assert.That(result.Compatible, Is.True);
        Assert.That(result.BreakingReasons, Is.Empty);
        Assert.That(result.Advice, Is.Empty);
    }

    [Test]
    public async Task A_compatibility_answer_without_the_verdict_is_an_InvalidResponse()
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.Server.ForceStatus(HttpStatusCode.OK, "/compat", body: """{"breaking_reasons":[]}""");

        var error = Assert.ThrowsAsync<RegistryException>(() => harness.Client.CheckCompatibilityAsync(new CompatibilityQuery("a.B", "v1", "1", "v2", "2")));

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.InvalidResponse));
        Assert.That(error.Message, Does.Contain("compatible"));
    }

    [Test]
    public async Task A_response_larger_than_the_limit_is_an_InvalidResponse()
    {
        await using var harness = await RegistryClientHarness.StartAsync(resilience: r => r.MaxResponseBytes = 1024);
        harness.Registry.Add("v1", "big.Schema", "1.0.0", "{\"description\":\"" + new string('x', 4096) + "\"}");

        var error = Assert.ThrowsAsync<RegistryException>(() => harness.Client.GetSchemaAsync("v1", "big.Schema"));

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.InvalidResponse));
        Assert.That(error.Message, Does.Contain("1024 bytes"));
        Assert.That(harness.Server.RequestCount(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_registry_that_drops_connections_is_a_Network_error()
    {
        await using var harness = await RegistryClientHarness.StartAsync(resilience: r => r.MaxRetryAttempts = 1);
        harness.Server.Down = true;

        var error = Assert.ThrowsAsync<RegistryUnavailableException>(() => harness.Client.GetIndexAsync());

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.Network));
        Assert.That(error.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(harness.Server.RequestCount("/index"), Is.GreaterThanOrEqualTo(2), "the failure was retried");
    }

    [Test]
    public async Task A_registry_that_is_gone_is_a_Network_error()
    {
        await using var harness = await RegistryClientHarness.StartAsync(resilience: r => r.MaxRetryAttempts = 1);
        await harness.Server.DisposeAsync();

        var error = Assert.ThrowsAsync<RegistryUnavailableException>(() => harness.Client.GetHealthAsync());

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.Network));
    }

    [Test]
    public async Task The_circuit_opens_after_repeated_failures_and_later_calls_fail_fast_without_requests()
    {
        await using var harness = await RegistryClientHarness.StartAsync(resilience: r =>
        {
            r.MaxRetryAttempts = 1;
            r.CircuitMinimumThroughput = 2;
            r.CircuitFailureRatio = 0.5;
            r.CircuitBreakDuration = TimeSpan.FromMinutes(5);
        });
        harness.Server.ForceStatus(HttpStatusCode.InternalServerError);

        var first = Assert.ThrowsAsync<RegistryUnavailableException>(() => harness.Client.GetIndexAsync());
        var sentBeforeOpen = harness.Server.RequestCount();
        var second = Assert.ThrowsAsync<RegistryUnavailableException>(() => harness.Client.GetSchemaAsync("v1", "telemetry.FeedbackEvent"));
        var third = Assert.ThrowsAsync<RegistryUnavailableException>(() => harness.Client.GetHealthAsync());

        Assert.That(first!.Kind, Is.EqualTo(RegistryErrorKind.Server));
        Assert.That(sentBeforeOpen, Is.EqualTo(2));
        Assert.That(second!.Kind, Is.EqualTo(RegistryErrorKind.CircuitOpen));
        Assert.That(third!.Kind, Is.EqualTo(RegistryErrorKind.CircuitOpen));
        Assert.That(third.Message, Does.Contain("circuit is open"));
        Assert.That(harness.Server.RequestCount(), Is.EqualTo(sentBeforeOpen), "an open circuit sends nothing");
        Assert.That(harness.Logs.Entries.Count(e => e.EventId.Id == 2005), Is.EqualTo(1));
    }

    [Test]
    public async Task Not_found_and_refusals_do_not_open_the_circuit()
    {
        await using var harness = await RegistryClientHarness.StartAsync(resilience: r =>
        {
            r.CircuitMinimumThroughput = 2;
            r.CircuitFailureRatio = 0.1;
        });

        for (var i = 0; i < 5; i++)
        {
            Assert.ThrowsAsync<SchemaNotFoundException>(() => harness.Client.GetSchemaAsync("v1", "missing.Event"));
        }

        var health = await harness.Client.GetHealthAsync();
        Assert.That(health.Status, Is.EqualTo("healthy"));
    }

    [Test]
    public async Task Cancelling_a_call_throws_OperationCanceledException_not_a_registry_error()
    {
        await using var harness = await RegistryClientHarness.StartAsync();
        harness.Server.Delay = TimeSpan.FromMinutes(5);
        using var cancellation = new CancellationTokenSource();

        var call = harness.Client.GetIndexAsync(cancellation.Token);
        await harness.Server.WaitForRequestsAsync("/index", 1).WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(harness.Observer.Calls, Is.Empty, "cancelled calls are not reported as registry errors");
    }

    [Test]
    public async Task Without_a_registry_url_nothing_is_sent_and_the_error_is_Configuration()
    {
        await using var harness = await RegistryClientHarness.StartAsync(options: o => o.RegistryUrl = null);

        var error = Assert.ThrowsAsync<RegistryException>(() => harness.Client.GetIndexAsync());

        Assert.That(error!.Kind, Is.EqualTo(RegistryErrorKind.Configuration));
        Assert.That(error.Message, Does.Contain("REGISTRY_URL"));
        Assert.That(harness.Server.RequestCount(), Is.Zero);
    }
}
