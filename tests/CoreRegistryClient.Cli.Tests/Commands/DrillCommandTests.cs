using System.Text.Json;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Cli.Tests.Commands;

/// <summary><c>drill</c> against the loopback registry over real HTTP: publishes through the admin API with the token,
/// checks the service's outcomes, and deprecates what it published.</summary>
public class DrillCommandTests
{
    private const string DrillSchema = "drill.CoreRegistryDrill";
    private LoopbackRegistryServer _server = null!;

    [SetUp]
    public async Task SetUp() => _server = await RegistryFixture.StartAsync();

    [TearDown]
    public async Task TearDown() => await _server.DisposeAsync();

    private Task<CliRun> DrillAsync(string drill, string wait = "30") =>
        CliHost.RunAsync("drill", drill, "--registry", _server.Url(), "--token", RegistryFixture.Token, "--timeout", "5", "--wait", wait, "--json");

    private static JsonElement Steps(CliRun run)
    {
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("steps").Clone();
    }

    [TestCase("benign", 2)]
    [TestCase("breaking", 2)]
    [TestCase("outage", 1)]
    public async Task Each_drill_passes_against_a_healthy_registry_and_cleans_up(string drill, int versions)
    {
        var run = await DrillAsync(drill);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.GetProperty("passed").GetBoolean(), Is.True);
        Assert.That(json.RootElement.GetProperty("cleaned_up").GetBoolean(), Is.True);
        Assert.That(Steps(run).EnumerateArray().Select(s => s.GetProperty("passed").GetBoolean()), Is.All.True);
        var published = _server.Registry.PublishedSchemas.Where(p => p.Name == DrillSchema).ToList();
        Assert.That(published.Count(p => !p.Deprecated), Is.EqualTo(versions), "each version published once");
        Assert.That(published.Where(p => p.Deprecated).Select(p => p.CoreVersion), Is.EquivalentTo(published.Where(p => !p.Deprecated).Select(p => p.CoreVersion)), "and deprecated at the end");
        Assert.That(_server.Requests.Where(r => r.Path == "/admin/schemas").Select(r => r.Authorization), Is.All.EqualTo($"Bearer {RegistryFixture.Token}"));
        Assert.That(_server.Registry.PublishedSchemas.Select(p => p.Name), Is.All.EqualTo(DrillSchema), "no other schema is touched");
        Assert.That(run.Out + run.Error, Does.Not.Contain(RegistryFixture.Token));
    }

    [Test]
    public async Task Breaking_drill_checks_strict_rejection_warn_reporting_and_the_drift_check()
    {
        var run = await DrillAsync("breaking");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        var steps = Steps(run).EnumerateArray().Select(s => s.GetProperty("step").GetString()).ToList();
        Assert.That(steps, Does.Contain("golden payloads rejected in strict").And.Contain("warn mode reports them without rejecting").And.Contain("drift check reports the change"));
    }

    [Test]
    public async Task Breaking_drill_fails_when_what_it_publishes_never_becomes_the_latest_version()
    {
        // A registry whose latest drill version outranks anything the drill publishes: the service never serves the drill's versions.
        _server.Registry.Add("v1", DrillSchema, "99999999999.0.0", """{"type":"object"}""");

        var run = await DrillAsync("breaking", wait: "3");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
        Assert.That(run.Error, Does.Contain("error: drill breaking failed"));
        using var json = JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.GetProperty("passed").GetBoolean(), Is.False);
    }

    [Test]
    public async Task A_refused_token_ends_the_drill_with_exit_3_and_says_why()
    {
        var run = await CliHost.RunAsync("drill", "benign", "--registry", _server.Url(), "--token", "wrong-token", "--timeout", "5");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.RegistryUnavailable), run.ToString());
        Assert.That(run.Out, Does.Contain("FAIL").And.Contain("Unauthorized").Or.Contain("Forbidden"));
        Assert.That(_server.Registry.PublishedSchemas, Is.Empty);
        Assert.That(run.Out + run.Error, Does.Not.Contain("wrong-token"));
    }

    [Test]
    public async Task Without_a_token_the_drill_is_a_usage_error()
    {
        var run = await CliHost.RunAsync("drill", "outage", "--registry", _server.Url());

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("REGISTRY_TOKEN"));
    }

    [Test]
    public async Task An_unknown_drill_is_a_usage_error()
    {
        var run = await CliHost.RunAsync("drill", "flood", "--registry", _server.Url(), "--token", "t");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("flood"));
    }
}
