using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Tests.Testing;

/// <summary>The loopback server itself, driven with a plain HttpClient.</summary>
public sealed class LoopbackRegistryServerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private LoopbackRegistryServer _server = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _server = await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { PathPrefix = "api/v1/", Token = "admin" });
        _server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.0.0", """{"type":"object"}""");
        _http = new HttpClient { Timeout = Patience };
    }

    [TearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Uri Api(string path) => new(_server.BaseUri + path);

    [Test]
    public void The_base_uri_is_loopback_with_an_ephemeral_port_and_the_prefix()
    {
        Assert.That(_server.BaseUri.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(_server.BaseUri.Port, Is.Not.Zero);
        Assert.That(_server.BaseUri.AbsolutePath, Is.EqualTo("/api/v1"));
    }

    [Test]
    public async Task Health_has_the_contract_shape()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(Api("/health")));

        Assert.That(document.RootElement.GetProperty("status").GetString(), Is.EqualTo("healthy"));
        Assert.That(document.RootElement.GetProperty("checks").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(document.RootElement.GetProperty("version").GetString(), Is.EqualTo("0.1.0"));
        Assert.That(DateTimeOffset.TryParse(document.RootElement.GetProperty("timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _), Is.True);
    }

    [Test]
    public async Task Schemas_are_served_with_the_contract_field_names()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(Api("/schemas/v1/telemetry.FeedbackEvent")));

        Assert.That(document.RootElement.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
        {
            "name", "track", "core_version", "sha256", "$schema_id", "content", "deprecated", "deprecation_note",
        }));
        Assert.That(document.RootElement.GetProperty("content").GetProperty("type").GetString(), Is.EqualTo("object"));
    }

    [Test]
    public async Task Unknown_paths_and_paths_outside_the_prefix_are_404_and_counted()
    {
        using var outside = await _http.GetAsync(new Uri(_server.BaseUri, "/index"));
        using var unknown = await _http.GetAsync(Api("/nothing/here"));
        using var missing = await _http.GetAsync(Api("/schemas/v1/missing.Event"));

        Assert.That(outside.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("\"detail\""));
        Assert.That(_server.RequestCount(), Is.EqualTo(3));
        Assert.That(_server.RequestCount("/index"), Is.EqualTo(1), "the path outside the prefix is recorded as received");
    }

    [Test]
    public async Task A_wrong_method_is_405()
    {
        using var response = await _http.PostAsync(Api("/index"), new StringContent("{}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public async Task Admin_posts_need_the_bearer_token_when_one_is_configured()
    {
        var body = """{"event_type":"telemetry.schema_drift","payload":{"n":1}}""";
        using var anonymous = await _http.PostAsync(Api("/admin/telemetry"), new StringContent(body, Encoding.UTF8, "application/json"));
        using var wrong = await SendAsync(HttpMethod.Post, "/admin/telemetry", body, "Bearer nope");
        using var right = await SendAsync(HttpMethod.Post, "/admin/telemetry", body, "Bearer admin");

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(anonymous.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(_server.Registry.TelemetryEvents, Has.Count.EqualTo(1));
        Assert.That(_server.Requests.Select(r => r.Authorization), Is.EqualTo(new[] { null, "Bearer nope", "Bearer admin" }));
    }

    [Test]
    public async Task Reads_do_not_need_the_token()
    {
        using var response = await _http.GetAsync(Api("/index"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/admin/schemas", "{\"name\":\"a.B\"")]
    [TestCase("/admin/schemas", """{"name":"a.B","track":"v1","core_version":"1.0.0","content":[1]}""")]
    [TestCase("/admin/schemas", """{"name":"","track":"v1","core_version":"1.0.0","content":{}}""")]
    [TestCase("/admin/sync", "null")]
    public async Task Malformed_admin_bodies_are_422(string path, string body)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body, "Bearer admin");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(_server.Registry.PublishedSchemas, Is.Empty);
    }

    [Test]
    public async Task A_publish_answers_201_with_the_stored_schema()
    {
        using var response = await SendAsync(HttpMethod.Post, "/admin/schemas",
            """{"name":"a.B","track":"v2","core_version":"2.0.0","content":{"type":"string"},"schema_id_str":null,"deprecated":false,"deprecation_note":null,"x_compat":null}""",
            "Bearer admin");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(document.RootElement.GetProperty("sha256").GetString(), Is.EqualTo(InMemorySchemaRegistry.ComputeSha256("""{"type":"string"}""")));
    }

    [Test]
    public async Task Compatibility_checks_without_every_parameter_are_422()
    {
        using var response = await _http.GetAsync(Api("/compat/check?name=a.B&from_track=v1"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("to_version"));
    }

    [Test]
    public async Task Changing_the_registry_while_running_changes_the_index_sha()
    {
        var before = await IndexShaAsync();
        _server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.1.0", """{"type":"object","required":["id"]}""");
        var after = await IndexShaAsync();

        Assert.That(after, Is.Not.EqualTo(before));
        Assert.That(after, Is.EqualTo(InMemorySchemaRegistry.ComputeSha256("""{"type":"object","required":["id"]}""")));
    }

    [Test]
    public void Down_drops_the_connection_without_an_answer()
    {
        _server.Down = true;

        Assert.That(() => _http.GetAsync(Api("/index")), Throws.InstanceOf<HttpRequestException>());
        Assert.That(_server.RequestCount("/index"), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task Down_can_be_switched_off_again()
    {
        _server.Down = true;
        Assert.That(() => _http.GetAsync(Api("/index")), Throws.InstanceOf<HttpRequestException>());
        _server.Down = false;

        using var response = await _http.GetAsync(Api("/index"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delay_holds_the_answer_until_the_client_gives_up()
    {
        _server.Delay = TimeSpan.FromMinutes(5);
        using var cancellation = new CancellationTokenSource();

        var request = _http.GetAsync(Api("/index"), cancellation.Token);
        await _server.WaitForRequestsAsync("/index", 1).WaitAsync(Patience);

        Assert.That(request.IsCompleted, Is.False, "the request is still held");
        await cancellation.CancelAsync();
        Assert.That(async () => await request, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Forced_statuses_apply_to_their_path_for_the_given_number_of_requests()
    {
        _server.ForceStatus(HttpStatusCode.ServiceUnavailable, "/schemas", times: 2, retryAfter: TimeSpan.FromMilliseconds(1500));

        using var index = await _http.GetAsync(Api("/index"));
        using var first = await _http.GetAsync(Api("/schemas/v1/telemetry.FeedbackEvent"));
        using var second = await _http.GetAsync(Api("/schemas/v1/telemetry.FeedbackEvent"));
        using var third = await _http.GetAsync(Api("/schemas/v1/telemetry.FeedbackEvent"));

        Assert.That(index.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(first.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_newest_forced_status_wins_and_clearing_removes_all()
    {
        _server.ForceStatus(HttpStatusCode.InternalServerError);
        _server.ForceStatus(HttpStatusCode.TooManyRequests, "/index", body: """{"detail":"slow down"}""");

        using var index = await _http.GetAsync(Api("/index"));
        using var health = await _http.GetAsync(Api("/health"));
        _server.ClearForcedStatus();
        using var after = await _http.GetAsync(Api("/index"));

        Assert.That(index.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await index.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"slow down"}"""));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Forcing_a_status_for_zero_requests_is_refused() =>
        Assert.That(() => _server.ForceStatus(HttpStatusCode.BadGateway, times: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public async Task Flapping_alternates_failure_and_success_starting_with_failure()
    {
        _server.Flapping = true;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await _http.GetAsync(Api("/index"));
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK }));
    }

    [Test]
    public async Task A_corrupt_body_is_not_json()
    {
        _server.CorruptBody = true;

        using var response = await _http.GetAsync(Api("/schemas/v1/telemetry.FeedbackEvent"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(() => JsonDocument.Parse(body), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public async Task ResetFaults_switches_every_fault_off()
    {
        _server.CorruptBody = true;
        _server.Flapping = true;
        _server.Delay = TimeSpan.FromMinutes(1);
        _server.ForceStatus(HttpStatusCode.BadGateway);

        _server.ResetFaults();
        using var response = await _http.GetAsync(Api("/index"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(document.RootElement.GetProperty("tracks").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(_server.Delay, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task Requests_are_counted_by_path_prefix_and_can_be_reset()
    {
        await _http.GetStringAsync(Api("/schemas/v1/telemetry.FeedbackEvent"));
        await _http.GetStringAsync(Api("/schemas/v1/telemetry.FeedbackEvent/versions"));
        await _http.GetStringAsync(Api("/index"));

        Assert.That(_server.RequestCount("/schemas/v1/telemetry.FeedbackEvent"), Is.EqualTo(2));
        Assert.That(_server.RequestCount("/schemas"), Is.EqualTo(2));
        Assert.That(_server.RequestCount("/index"), Is.EqualTo(1));
        Assert.That(_server.RequestCount(), Is.EqualTo(3));
        Assert.That(_server.Requests.Select(r => r.Method), Is.All.EqualTo("GET"));

        _server.ResetRequests();

        Assert.That(_server.RequestCount(), Is.Zero);
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public async Task Waiting_for_requests_completes_when_the_count_is_reached()
    {
        var wait = _server.WaitForRequestsAsync("/index", 2);
        await _http.GetStringAsync(Api("/index"));
        Assert.That(wait.IsCompleted, Is.False);

        await _http.GetStringAsync(Api("/index"));

        await wait.WaitAsync(Patience);
        Assert.That(wait.IsCompletedSuccessfully, Is.True);
        Assert.That(_server.WaitForRequestsAsync("/index", 1).IsCompletedSuccessfully, Is.True, "an already reached count completes at once");
    }

    [Test]
    public void Waiting_for_requests_can_be_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var wait = _server.WaitForRequestsAsync("/index", 1, cancellation.Token);

        cancellation.Cancel();

        Assert.That(async () => await wait, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_disposed_server_no_longer_accepts_connections()
    {
        var index = Api("/index");
        await _server.DisposeAsync();

        Assert.That(() => _http.GetAsync(index), Throws.InstanceOf<HttpRequestException>());
    }

    [Test]
    public async Task Disposing_with_a_held_request_does_not_wait_for_the_delay()
    {
        _server.Delay = TimeSpan.FromMinutes(10);
        var request = _http.GetAsync(Api("/index"));
        await _server.WaitForRequestsAsync("/index", 1).WaitAsync(Patience);

        await _server.DisposeAsync().AsTask().WaitAsync(Patience);

        Assert.That(async () => await request, Throws.InstanceOf<HttpRequestException>());
    }

    [Test]
    public async Task A_server_can_serve_a_schema_folder()
    {
        using var folder = new SchemaFolder().Write("v2/market.Quote@2.0.0.json", """{"type":"object"}""");
        await using var server = await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { SchemaDirectory = folder.Path });

        using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri(server.BaseUri, "/schemas/v2/market.Quote")));

        Assert.That(document.RootElement.GetProperty("core_version").GetString(), Is.EqualTo("2.0.0"));
        Assert.That(server.BaseUri.AbsolutePath, Is.EqualTo("/"));
    }

    [Test]
    public async Task Two_servers_run_side_by_side_on_different_ports()
    {
        await using var other = await LoopbackRegistryServer.StartAsync();

        Assert.That(other.BaseUri.Port, Is.Not.EqualTo(_server.BaseUri.Port));
        Assert.That(await _http.GetStringAsync(new Uri(other.BaseUri, "/index")), Does.Contain("tracks"));
    }

    private async Task<string> IndexShaAsync()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(Api("/index")));
        return document.RootElement.GetProperty("tracks").GetProperty("v1").GetProperty("schemas")[0].GetProperty("sha256").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body, string? authorization)
    {
        using var request = new HttpRequestMessage(method, Api(path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return await _http.SendAsync(request);
    }
}
