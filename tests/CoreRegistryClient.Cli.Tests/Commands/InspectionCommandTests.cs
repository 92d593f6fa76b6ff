using System.Text.Json;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Cli.Tests.Commands;

public class InspectionCommandTests
{
    private LoopbackRegistryServer _server = null!;

    [SetUp]
    public async Task SetUp() => _server = await RegistryFixture.StartAsync();

    [TearDown]
    public async Task TearDown() => await _server.DisposeAsync();

    private Task<CliRun> RunAsync(params string[] args) => CliHost.RunAsync([.. args, "--registry-url", _server.Url(), "--timeout", "5"]);

    [Test]
    public async Task Index_lists_every_track_in_a_table()
    {
        var run = await RunAsync("index");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain("md.BarBatch").And.Contain("2.0.0").And.Contain("v2"));
        Assert.That(run.Out, Does.Contain("3 schemas in 2 track(s)"));
    }

    [Test]
    public async Task Index_json_filtered_by_track()
    {
        var run = await RunAsync("index", "--track", "v2", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var tracks = json.RootElement.GetProperty("tracks");
        Assert.That(tracks.EnumerateObject().Select(t => t.Name), Is.EqualTo(new[] { "v2" }));
        Assert.That(tracks.GetProperty("v2").GetProperty("schemas")[0].GetProperty("latest_core_version").GetString(), Is.EqualTo("2.0.0"));
    }

    [Test]
    public async Task Index_of_an_unknown_track_exits_1()
    {
        Assert.That((await RunAsync("index", "--track", "v5")).ExitCode, Is.EqualTo(ExitCodes.Finding));
    }

    [Test]
    public async Task Index_with_the_registry_down_exits_3()
    {
        _server.Down = true;

        var run = await RunAsync("index");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.RegistryUnavailable), run.ToString());
        Assert.That(run.Error, Does.Contain("registry unavailable"));
    }

    [Test]
    public async Task Index_with_a_corrupt_response_exits_3()
    {
        _server.CorruptBody = true;

        Assert.That((await RunAsync("index")).ExitCode, Is.EqualTo(ExitCodes.RegistryUnavailable));
    }

    [Test]
    public async Task Versions_lists_each_version()
    {
        _server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1Breaking);

        var run = await RunAsync("versions", "telemetry.FeedbackEvent", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.EnumerateArray().Select(v => v.GetProperty("core_version").GetString()), Is.EqualTo(new[] { "1.1.2", "1.2.0" }));
        Assert.That((await RunAsync("versions", "telemetry.FeedbackEvent")).Out, Does.Contain("1.2.0"));
    }

    [Test]
    public async Task Versions_of_an_unknown_schema_exits_1()
    {
        var run = await RunAsync("versions", "no.Such");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
    }

    [Test]
    public async Task Versions_without_a_name_is_a_usage_error()
    {
        Assert.That((await RunAsync("versions")).ExitCode, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public async Task Compat_compatible_exits_0()
    {
        var run = await RunAsync("compat", "telemetry.FeedbackEvent", "--from", "v1@1.1.2", "--to", "v2@2.0.0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain("compatible"));
        var request = _server.Requests.Single(r => r.Path == "/compat/check");
        Assert.That(request.QueryString, Does.Contain("from_track=v1").And.Contain("from_version=1.1.2").And.Contain("to_track=v2").And.Contain("to_version=2.0.0"));
    }

    [Test]
    public async Task Compat_incompatible_exits_1_with_reasons()
    {
        _server.Registry.SetCompatibility("telemetry.FeedbackEvent", new CompatibilityResult(false, ["level lost 'hard'"], ["keep the enum value"], null));

        var run = await RunAsync("compat", "telemetry.FeedbackEvent", "--from", "v1@1.1.2", "--to", "v1@1.2.0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
        Assert.That(run.Out, Does.Contain("not compatible").And.Contain("level lost 'hard'").And.Contain("keep the enum value"));
    }

    [TestCase("1.1.2")]
    [TestCase("v1@")]
    [TestCase("@1.0")]
    public async Task Compat_with_a_malformed_version_is_a_usage_error(string from)
    {
        var run = await RunAsync("compat", "telemetry.FeedbackEvent", "--from", from, "--to", "v2@2.0.0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("track@version"));
    }

    [Test]
    public async Task Unknown_command_is_a_usage_error()
    {
        Assert.That((await CliHost.RunAsync("publish")).ExitCode, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public async Task Help_exits_0()
    {
        var run = await CliHost.RunAsync("--help");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Out, Does.Contain("drift").And.Contain("replay").And.Contain("compat"));
    }

    [Test]
    public async Task A_relative_or_non_http_registry_url_is_a_usage_error()
    {
        Assert.That((await CliHost.RunAsync("index", "--registry-url", "registry.local")).ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That((await CliHost.RunAsync("index", "--registry-url", "ftp://127.0.0.1/")).ExitCode, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public async Task Bad_timeout_is_a_usage_error()
    {
        Assert.That((await CliHost.RunAsync("index", "--registry-url", _server.Url(), "--timeout", "-1")).ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That((await CliHost.RunAsync(new Dictionary<string, string> { ["REGISTRY_TIMEOUT"] = "soon" }, "index", "--registry-url", _server.Url())).ExitCode, Is.EqualTo(ExitCodes.Usage));
    }
}
