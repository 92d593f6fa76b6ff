using System.Text.Json;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Cli.Tests.Commands;

public class ReplayCommandTests
{
    private LoopbackRegistryServer _server = null!;
    private TempDirectory _dir = null!;
    private string _corpus = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await RegistryFixture.StartAsync();
        _server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1Breaking);
        _dir = new TempDirectory();
        // Four real payloads. Under 1.1.2 only "c" fails (it carries "region", an unknown property there);
        // under 1.2.0 three lack the now-required "region" and "b" also says "hard".
        _corpus = _dir.Write("corpus.jsonl", string.Join('\n',
            """{"coordinator_id":"a","level":"ok"}""",
            """{"coordinator_id":"b","level":"hard"}""",
            """{"coordinator_id":"c","level":"soft","region":"eu"}""",
            """{"coordinator_id":"d","level":"ok","queue_size":1}"""));
    }

    [TearDown]
    public async Task TearDown()
    {
        _dir.Dispose();
        await _server.DisposeAsync();
    }

    private Task<CliRun> ReplayAsync(params string[] extra) =>
        CliHost.RunAsync(["replay", "--registry-url", _server.Url(), "--schema", "telemetry.FeedbackEvent", "--corpus", _corpus, .. extra]);

    [Test]
    public async Task Version_option_replays_against_that_version()
    {
        var run = await ReplayAsync("--version", "1.1.2", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.That(root.GetProperty("version").GetString(), Is.EqualTo("1.1.2"));
        Assert.That(root.GetProperty("would_reject").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("reject_rate_percent").GetDouble(), Is.EqualTo(25));
        Assert.That(root.GetProperty("top_keywords")[0].GetProperty("key").GetString(), Is.EqualTo("additionalProperties"));
    }

    [Test]
    public async Task Candidate_version_reports_reject_rate_top_keywords_and_locations()
    {
        var run = await ReplayAsync("--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.That(root.GetProperty("version").GetString(), Is.EqualTo("1.2.0"));
        Assert.That((root.GetProperty("total").GetInt32(), root.GetProperty("would_reject").GetInt32()), Is.EqualTo((4, 3)));
        Assert.That(root.GetProperty("reject_rate_percent").GetDouble(), Is.EqualTo(75));
        var keywords = root.GetProperty("top_keywords").EnumerateArray().Select(k => (k.GetProperty("key").GetString(), k.GetProperty("payloads").GetInt32())).ToList();
        Assert.That(keywords[0], Is.EqualTo(("required", 3)));
        Assert.That(keywords, Does.Contain(("enum", 1)));
        var locations = root.GetProperty("top_instance_locations").EnumerateArray().Select(k => (k.GetProperty("key").GetString(), k.GetProperty("payloads").GetInt32())).ToList();
        Assert.That(locations, Does.Contain(("/level", 1)));
    }

    [Test]
    public async Task Human_output_shows_the_rate_and_tables()
    {
        var run = await ReplayAsync();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain("4 payloads, 3 would be rejected (75%)"));
        Assert.That(run.Out, Does.Contain("Failing keyword").And.Contain("required"));
    }

    [Test]
    public async Task Reject_rate_above_the_limit_exits_1()
    {
        Assert.That((await ReplayAsync("--max-reject-rate", "50")).ExitCode, Is.EqualTo(ExitCodes.Finding));
        Assert.That((await ReplayAsync("--max-reject-rate", "80")).ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public async Task Unknown_version_exits_1()
    {
        var run = await ReplayAsync("--version", "9.9.9");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
    }

    [Test]
    public async Task Missing_corpus_is_a_usage_error()
    {
        var run = await CliHost.RunAsync("replay", "--registry-url", _server.Url(), "--schema", "telemetry.FeedbackEvent", "--corpus", _dir.File("none.jsonl"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
    }

    [Test]
    public void Array_indices_fold_into_a_wildcard()
    {
        Assert.That(Validation.ReplayStatistics.FoldIndices("/bars/17/close"), Is.EqualTo("/bars/*/close"));
        Assert.That(Validation.ReplayStatistics.FoldIndices(""), Is.EqualTo(""));
    }
}
