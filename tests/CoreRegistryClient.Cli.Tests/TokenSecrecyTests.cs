using System.Net;

namespace CoreRegistryClient.Cli.Tests;

/// <summary>The registry token is sent to the registry and never printed, whatever happens.</summary>
public class TokenSecrecyTests
{
    private const string Secret = "tok-9f8e7d6c5b4a-never-print-me";

    [Test]
    public async Task Token_from_the_command_line_is_sent_but_never_printed_on_success_or_failure()
    {
        await using var server = await RegistryFixture.StartAsync();
        using var dir = new TempDirectory();
        var runs = new List<CliRun>
        {
            await CliHost.RunAsync("fetch", "--registry-url", server.Url(), "--token", Secret, "--output", dir.Path),
            await CliHost.RunAsync("index", "--registry-url", server.Url(), "--token", Secret, "--json"),
            await CliHost.RunAsync("drift", "--registry-url", server.Url(), "--token", Secret, "--schema-dir", dir.Path, "--output", dir.File("r.json"), "--emit-telemetry", "--json"),
        };
        server.ForceStatus(HttpStatusCode.Unauthorized);
        runs.Add(await CliHost.RunAsync("index", "--registry-url", server.Url(), "--token", Secret));
        runs.Add(await CliHost.RunAsync("versions", "x", "--registry-url", server.Url(), "--token", Secret));
        server.ClearForcedStatus();
        server.Down = true;
        runs.Add(await CliHost.RunAsync("drift", "--registry-url", server.Url(), "--token", Secret, "--timeout", "5", "--schema-dir", dir.Path, "--output", dir.File("r.json"), "--registry-down", "fail"));

        Assert.That(runs.Select(r => r.ExitCode), Is.EqualTo(new[] { 0, 0, 0, 3, 3, 3 }), string.Join("\n", runs));
        foreach (var run in runs)
        {
            Assert.That(run.Out + run.Error, Does.Not.Contain(Secret), run.ToString());
        }

        Assert.That(File.ReadAllText(dir.File("r.json")), Does.Not.Contain(Secret));
        Assert.That(File.ReadAllText(dir.File("_metadata.json")), Does.Not.Contain(Secret));
        Assert.That(server.Requests.Select(r => r.Authorization), Does.Contain($"Bearer {Secret}"), "the token is used");
    }

    [Test]
    public async Task Token_from_the_environment_is_not_shown_in_help()
    {
        var run = await CliHost.RunAsync(new Dictionary<string, string> { ["REGISTRY_TOKEN"] = Secret }, "drift", "--help");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Out, Does.Contain("REGISTRY_TOKEN").And.Not.Contain(Secret));
    }

    [Test]
    public async Task Credentials_in_the_registry_url_never_reach_output_reports_or_metadata()
    {
        await using var server = await RegistryFixture.StartAsync();
        using var dir = new TempDirectory();
        var url = new UriBuilder(server.BaseUri) { UserName = "ci", Password = Secret }.Uri.ToString();

        var runs = new List<CliRun>
        {
            await CliHost.RunAsync("fetch", "--registry-url", url, "--output", dir.Path),
            await CliHost.RunAsync("drift", "--registry-url", url, "--schema-dir", dir.Path, "--output", dir.File("r.json"), "--metrics-file", dir.File("m.prom")),
            await CliHost.RunAsync("drill", "benign", "--registry-url", url, "--token", RegistryFixture.Token, "--timeout", "5", "--wait", "30"),
            await CliHost.RunAsync("drill", "outage", "--registry-url", url, "--token", RegistryFixture.Token, "--timeout", "5", "--wait", "30", "--json"),
        };

        Assert.That(runs.Select(r => r.ExitCode), Is.All.Zero, string.Join("\n", runs));
        foreach (var text in runs.Select(r => r.Out + r.Error).Concat(new[] { "r.json", "m.prom", "_metadata.json" }.Select(f => File.ReadAllText(dir.File(f)))))
        {
            Assert.That(text, Does.Not.Contain(Secret));
        }

        Assert.That(File.ReadAllText(dir.File("_metadata.json")), Does.Contain(server.BaseUri.ToString()), "the URL itself is kept, without its user-info");
    }
}
