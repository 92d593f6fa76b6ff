using System.Net;
using System.Net.Sockets;
using System.Text;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;

namespace CoreRegistryClient.AspNetCore.Tests.Hosting;

/// <summary>Hostile clients against a real Kestrel on loopback: truncated, chunked, abandoned and huge bodies, and
/// concurrent requests while the mode flips. Every request ends with a status or a clean abort, nothing is stuck,
/// and nothing reaches the host's log as an unhandled exception.</summary>
public class KestrelBadInputTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private static Task<TestApp> KestrelAppAsync(string mode = "enforce", Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(more ?? []) { ["REGISTRY_ENFORCEMENT"] = mode, ["SchemaEnforcement:Http:MaxBodySize"] = "65536" };
        return TestApp.StartAsync(app =>
        {
            app.MapPost("/orders", (Order o) => o).ValidateSchema(Schemas.Order);
            app.MapPost("/raw", async (HttpRequest r) => (await new StreamReader(r.Body).ReadToEndAsync()).Length).ValidateSchema(Schemas.Order);
        }, settings, kestrel: true);
    }

    [Test]
    public async Task A_body_that_ends_early_ends_the_request_without_calling_the_handler()
    {
        await using var app = await KestrelAppAsync();
        var answer = await RawExchangeAsync(app.BaseAddress, "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"order_id\":\"A", closeAfterSend: true);
        await AssertStillServingAsync(app);
        var logged = await TestApp.EventuallyAsync(() => app.Logs.WithEventId(1104).Any());
        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.Empty.Or.StartsWith("HTTP/1.1 400"));
            Assert.That(logged, Is.True, "the validator saw the body end early");
            Assert.That(app.Logs.UnhandledExceptions, Is.Empty);
            Assert.That(app.Logs.WithEventId(1104), Is.Not.Empty, string.Join("\n", app.Logs.Entries.Select(e => $"{e.Category} {e.Id} {e.Message}")));
        });
    }

    [Test]
    public async Task A_client_that_disconnects_mid_body_leaves_nothing_behind()
    {
        await using var app = await KestrelAppAsync("warn");
        for (var i = 0; i < 10; i++)
        {
            await RawExchangeAsync(app.BaseAddress, "POST /raw HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"order_id\":\"A-1\r\n", closeAfterSend: true);
        }

        await AssertStillServingAsync(app);
        Assert.That(app.Logs.UnhandledExceptions, Is.Empty);
    }

    [Test]
    public async Task A_chunked_body_is_validated_like_any_other()
    {
        await using var app = await KestrelAppAsync();
        var body = Schemas.Valid;
        var chunked = $"POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + $"{10:x}\r\n{body[..10]}\r\n{body.Length - 10:x}\r\n{body[10..]}\r\n0\r\n\r\n";
        var invalid = Schemas.Invalid;
        var chunkedInvalid = $"POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + $"{invalid.Length:x}\r\n{invalid}\r\n0\r\n\r\n";
        Assert.Multiple(async () =>
        {
            Assert.That(await RawExchangeAsync(app.BaseAddress, chunked, closeAfterSend: false), Does.StartWith("HTTP/1.1 200"));
            Assert.That(await RawExchangeAsync(app.BaseAddress, chunkedInvalid, closeAfterSend: false), Does.StartWith("HTTP/1.1 422"));
        });
    }

    [Test]
    public async Task A_100_MB_body_is_refused_with_413_before_it_is_sent()
    {
        await using var app = await KestrelAppAsync();
        // A loaded machine may take longer than the default second to answer; the client must wait for it.
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = Generous };
        using var client = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = Generous };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new ByteArrayContent(new byte[100 * 1024 * 1024]) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);
        await AssertStillServingAsync(app);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(app.Logs.UnhandledExceptions, Is.Empty);
        });
    }

    [Test]
    public async Task A_100_MB_body_sent_without_waiting_ends_with_413_or_a_reset_and_the_server_carries_on()
    {
        await using var app = await KestrelAppAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new ByteArrayContent(new byte[100 * 1024 * 1024]) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        HttpStatusCode? status = null;
        try
        {
            using var response = await app.Client.SendAsync(request);
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The server answered 413 and closed while the client was still sending: a clean abort.
        }

        await AssertStillServingAsync(app);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.Null.Or.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(app.Logs.UnhandledExceptions, Is.Empty);
        });
    }

    [Test]
    public async Task Concurrent_requests_while_the_mode_flips_each_get_an_answer_consistent_with_one_mode()
    {
        await using var app = await KestrelAppAsync("warn");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 16 };
        using var client = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = Generous };
        using var stop = new CancellationTokenSource(Generous);
        var flips = Task.Run(async () =>
        {
            string[] modes = ["enforce", "warn", "off"];
            for (var i = 0; i < 30; i++)
            {
                app.Reconfigure("REGISTRY_ENFORCEMENT", modes[i % modes.Length]);
                await Task.Yield();
            }
        });
        var problems = new System.Collections.Concurrent.ConcurrentBag<string>();
        var requests = Enumerable.Range(0, 400).Select(async i =>
        {
            var invalid = i % 2 == 1;
            using var content = new StringContent(invalid ? Schemas.Invalid : Schemas.Valid, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(i % 3 == 0 ? "/raw" : "/orders", content, stop.Token);
            var header = ValidationHeader.Of(response);
            var consistent = (invalid, response.StatusCode, header?.Result) switch
            {
                (false, HttpStatusCode.OK, "valid" or null) => true,
                (true, HttpStatusCode.UnprocessableEntity, "invalid") => header!["mode"] == "enforce",
                (true, HttpStatusCode.OK, "invalid") => header!["mode"] == "warn",
                (true, HttpStatusCode.OK, null) => true,
                _ => false,
            };
            if (!consistent) problems.Add($"{(invalid ? "invalid" : "valid")} -> {(int)response.StatusCode} {header?.Result} {header?["mode"]}");
        }).ToList();
        await Task.WhenAll(requests).WaitAsync(Generous);
        await flips.WaitAsync(Generous);
        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty);
            Assert.That(app.Logs.UnhandledExceptions, Is.Empty);
        });
    }

    private static async Task AssertStillServingAsync(TestApp app)
    {
        using var response = await app.PostAsync("/orders", Schemas.Valid).WaitAsync(Generous);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the server still answers");
    }

    /// <summary>Sends raw bytes over a socket and returns what came back (empty when the server closed first).</summary>
    private static async Task<string> RawExchangeAsync(Uri address, string request, bool closeAfterSend)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Generous);
        await socket.ConnectAsync(address.Host, address.Port, timeout.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, timeout.Token);
        if (closeAfterSend)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        var buffer = new byte[16 * 1024];
        var received = new StringBuilder();
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (read == 0) break;
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (!closeAfterSend && received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && received.Length > 0 && LooksComplete(received.ToString())) break;
            }
        }
        catch (SocketException)
        {
            // Reset by the server: a clean abort.
        }

        return received.ToString();
    }

    private static bool LooksComplete(string response) =>
        response.Contains("\r\n0\r\n\r\n", StringComparison.Ordinal) || response.Contains("Content-Length: 0", StringComparison.OrdinalIgnoreCase)
        || (response.Contains("Content-Length:", StringComparison.OrdinalIgnoreCase) && !response.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase));
}
