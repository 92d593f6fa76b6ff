using System.Net;
using System.Text.Json;

namespace CoreRegistryClient.Cli.Tests.Commands;

public class FetchCommandTests : RegistryWorkspaceTest
{

    private Task<CliRun> FetchAsync(params string[] extra) =>
        CliHost.RunAsync(["fetch", "--registry-url", Server.Url(), "--output", Dir.Path, "--timeout", "5", .. extra]);

    private JsonElement Metadata() => JsonDocument.Parse(File.ReadAllBytes(Dir.File("_metadata.json"))).RootElement;

    [Test]
    public async Task Fetch_writes_every_schema_of_the_track_and_the_metadata()
    {
        var run = await FetchAsync("--track", "v1");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(Directory.GetFiles(Dir.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "_metadata.json", "md.BarBatch.json", "telemetry.FeedbackEvent.json" }));
        using var written = JsonDocument.Parse(File.ReadAllBytes(Dir.File("telemetry.FeedbackEvent.json")));
        using var expected = JsonDocument.Parse(Schemas.FeedbackV1);
        Assert.That(JsonElement.DeepEquals(written.RootElement, expected.RootElement), Is.True);

        var metadata = Metadata();
        Assert.That(metadata.GetProperty("registry_url").GetString(), Is.EqualTo(Server.Url()));
        Assert.That(metadata.GetProperty("track").GetString(), Is.EqualTo("v1"));
        Assert.That(metadata.GetProperty("fetched_at").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)));
        Assert.That(metadata.GetProperty("schemas_fetched").GetInt32(), Is.EqualTo(2));
        Assert.That(metadata.GetProperty("schemas_failed").GetInt32(), Is.EqualTo(0));
        Assert.That(metadata.GetProperty("failed_schemas").GetArrayLength(), Is.EqualTo(0));
        Assert.That(metadata.GetProperty("versions").GetProperty("telemetry.FeedbackEvent").GetString(), Is.EqualTo("1.1.2"));
        Assert.That(run.Out, Does.Contain("2 fetched, 0 failed"));
    }

    [Test]
    public async Task Track_comes_from_the_environment_when_not_given()
    {
        var run = await CliHost.RunAsync(
            new Dictionary<string, string> { ["REGISTRY_URL"] = Server.Url(), ["REGISTRY_TRACK"] = "v2" },
            "fetch", "--output", Dir.Path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(Metadata().GetProperty("track").GetString(), Is.EqualTo("v2"));
        Assert.That(Metadata().GetProperty("versions").GetProperty("telemetry.FeedbackEvent").GetString(), Is.EqualTo("2.0.0"));
    }

    [Test]
    public async Task A_single_failing_schema_is_reported_and_does_not_fail_the_run()
    {
        Server.ForceStatus(HttpStatusCode.Forbidden, "/schemas/v1/md.BarBatch");

        var run = await FetchAsync("--track", "v1", "--schemas", "telemetry.FeedbackEvent", "md.BarBatch", "no.Such");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(File.Exists(Dir.File("telemetry.FeedbackEvent.json")), Is.True);
        Assert.That(File.Exists(Dir.File("md.BarBatch.json")), Is.False);
        var metadata = Metadata();
        Assert.That(metadata.GetProperty("schemas_fetched").GetInt32(), Is.EqualTo(1));
        Assert.That(metadata.GetProperty("schemas_failed").GetInt32(), Is.EqualTo(2));
        Assert.That(metadata.GetProperty("failed_schemas").EnumerateArray().Select(e => e.GetString()), Is.EquivalentTo(new[] { "md.BarBatch", "no.Such" }));
        Assert.That(run.Out, Does.Contain("failed"));
    }

    [Test]
    public async Task A_missing_track_fails_the_run()
    {
        var run = await FetchAsync("--track", "v9");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
        Assert.That(run.Error, Does.Contain("v9").And.Contain("v1, v2"));
        Assert.That(File.Exists(Dir.File("_metadata.json")), Is.False);
    }

    [Test]
    public async Task A_missing_index_fails_the_run()
    {
        Server.ForceStatus(HttpStatusCode.NotFound, "/index");

        var run = await FetchAsync();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
        Assert.That(run.Error, Does.Contain("no index"));
    }

    [Test]
    public async Task Registry_down_exits_3()
    {
        Server.Down = true;

        var run = await FetchAsync();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.RegistryUnavailable), run.ToString());
    }

    [Test]
    public async Task A_schema_name_that_is_not_a_file_name_is_refused_not_written_outside_theDirectory()
    {
        var run = await FetchAsync("--schemas", "../escape");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(Metadata().GetProperty("failed_schemas")[0].GetString(), Is.EqualTo("../escape"));
        Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(Dir.Path)!, "escape.json")), Is.False);
    }

    [Test]
    public async Task Json_output_carries_the_metadata_and_the_errors()
    {
        var run = await FetchAsync("--json", "--schemas", "telemetry.FeedbackEvent", "no.Such");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.GetProperty("metadata").GetProperty("schemas_fetched").GetInt32(), Is.EqualTo(1));
        Assert.That(json.RootElement.GetProperty("errors").GetProperty("no.Such").GetString(), Does.Contain("Not in the index"));
    }
}
