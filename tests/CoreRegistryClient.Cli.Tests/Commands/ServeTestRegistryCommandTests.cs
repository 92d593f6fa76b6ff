using System.Net;
using System.Net.Sockets;

namespace CoreRegistryClient.Cli.Tests.Commands;

/// <summary><c>serve-test-registry</c> starts a standalone loopback registry that the other commands work against.</summary>
public class ServeTestRegistryCommandTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilServingAsync(Uri health)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(health, deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    [Test]
    public async Task Serves_a_schema_folder_that_index_fetch_and_validate_then_use_and_stops_on_interrupt()
    {
        using var dir = new TempDirectory();
        dir.Write("registry/v1/telemetry.FeedbackEvent@1.1.2.json", Schemas.FeedbackV1);
        dir.Write("registry/v2/telemetry.FeedbackEvent.json", Schemas.FeedbackV1OptionalAdded);
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}/api/v1";
        using var stop = new CancellationTokenSource();

        var serving = CliHost.RunAsync(new Dictionary<string, string>(), stop.Token,
            "serve-test-registry", "--schemas", dir.File("registry"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--path-prefix", "/api/v1");
        await WaitUntilServingAsync(new Uri(url + "/health"));
        var index = await CliHost.RunAsync("index", "--registry", url);
        var fetch = await CliHost.RunAsync("fetch", "--registry-url", url, "--output", dir.File("copies"));
        var validate = await CliHost.RunAsync(new Dictionary<string, string> { ["REGISTRY_URL"] = url },
            "validate", "--schema", "telemetry.FeedbackEvent", "--payloads", dir.Write("p.json", Schemas.InvalidFeedback));
        await stop.CancelAsync();
        var served = await serving;

        Assert.That(index.ExitCode, Is.Zero, index.ToString());
        Assert.That(index.Out, Does.Contain("v1\ttelemetry.FeedbackEvent\t1.1.2\t").And.Contain("v2\ttelemetry.FeedbackEvent\t1.0.0\t"));
        Assert.That(fetch.ExitCode, Is.Zero, fetch.ToString());
        Assert.That(File.ReadAllText(dir.File("copies/telemetry.FeedbackEvent.json")), Does.Contain("coordinator_id"));
        Assert.That(validate.ExitCode, Is.EqualTo(ExitCodes.Finding), validate.ToString());
        Assert.That(served.ExitCode, Is.Zero, served.ToString());
        Assert.That(served.Out, Does.Contain($"Test registry listening on {url}").And.Contain("2 schema(s) in 2 track(s)").And.Contain("Test registry stopped."));
    }

    [Test]
    public async Task A_port_in_use_is_one_line_saying_so_and_how_to_pick_another()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var run = await CliHost.RunAsync("serve-test-registry", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain($"Port {port} on 127.0.0.1 is already in use").And.Contain("--port"));
    }

    [TestCase("70000")]
    [TestCase("-1")]
    public async Task A_port_out_of_range_is_a_usage_error(string port)
    {
        var run = await CliHost.RunAsync("serve-test-registry", "--port", port);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("--port must be between 0 and 65535"));
    }

    [Test]
    public async Task A_schema_folder_that_does_not_exist_is_a_usage_error()
    {
        var run = await CliHost.RunAsync("serve-test-registry", "--schemas", "/nonexistent/registry", "--port", "0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("/nonexistent/registry"));
    }

    [Test]
    public async Task A_negative_keep_alive_is_a_usage_error()
    {
        var run = await CliHost.RunAsync("serve-test-registry", "--keep-alive", "-5", "--port", "0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("--keep-alive must be a number of seconds above 0, not -5"));
    }
}
