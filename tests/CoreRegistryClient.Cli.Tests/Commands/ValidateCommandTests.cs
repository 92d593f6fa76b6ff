using System.Text.Json;

namespace CoreRegistryClient.Cli.Tests.Commands;

public class ValidateCommandTests
{
    private TempDirectory _dir = null!;
    private string _schema = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _schema = _dir.Write("feedback.schema.json", Schemas.FeedbackV1);
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public async Task Valid_payload_exits_0_with_a_summary()
    {
        var payload = _dir.Write("ok.json", Schemas.ValidFeedback);

        var run = await CliHost.RunAsync("validate", "--schema", _schema, "--payloads", payload);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain("1 payloads, 1 valid, 0 invalid"));
    }

    [Test]
    public async Task Invalid_payload_in_strict_exits_1_and_prints_each_error_with_its_locations()
    {
        var payload = _dir.Write("bad.json", Schemas.InvalidFeedback);

        var run = await CliHost.RunAsync("validate", "--schema", _schema, "--payloads", payload, "--mode", "strict");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
        Assert.That(run.Out, Does.Contain("/level").And.Contain("enum"));
        Assert.That(run.Out, Does.Contain("/queue_size").And.Contain("minimum"));
        Assert.That(run.Out, Does.Contain("/properties/queue_size/minimum"));
        Assert.That(run.Out, Does.Contain("1 payloads, 0 valid, 1 invalid"));
    }

    [Test]
    public async Task Invalid_payload_in_warn_mode_exits_0()
    {
        var payload = _dir.Write("bad.json", Schemas.InvalidFeedback);

        var run = await CliHost.RunAsync("validate", "--schema", _schema, "--payloads", payload, "--mode", "warn");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain("0 valid, 1 invalid"));
    }

    [Test]
    public async Task Json_lines_and_directories_are_read_payload_by_payload()
    {
        _dir.Write("corpus/a.jsonl", Schemas.ValidFeedback + "\n\n" + Schemas.InvalidFeedback + "\n{not json\n");
        _dir.Write("corpus/b.json", Schemas.ValidFeedback);
        _dir.Write("corpus/notes.txt", "ignored");

        var run = await CliHost.RunAsync("validate", "--schema", _schema, "--payloads", _dir.File("corpus"), "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.That((root.GetProperty("total").GetInt32(), root.GetProperty("valid").GetInt32(), root.GetProperty("invalid").GetInt32()), Is.EqualTo((4, 2, 2)));
        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => Path.GetFileName(r.GetProperty("payload").GetString())), Is.EqualTo(new[] { "a.jsonl:1", "a.jsonl:3", "a.jsonl:4", "b.json" }));
        Assert.That(results[1].GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("instance_location").GetString()), Does.Contain("/level"));
        Assert.That(results[2].GetProperty("input_error").GetString(), Is.Not.Null, "malformed JSON line is invalid, not a crash");
    }

    [Test]
    public async Task Schema_by_name_comes_from_the_registry()
    {
        await using var server = await RegistryFixture.StartAsync();
        var payload = _dir.Write("ok.json", Schemas.ValidFeedback);

        var run = await CliHost.RunAsync("validate", "--registry-url", server.Url(), "--schema", "telemetry.FeedbackEvent", "--payloads", payload);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain("telemetry.FeedbackEvent 1.1.2"));
        Assert.That(server.Requests.Select(r => r.Path), Does.Contain("/schemas/v1/telemetry.FeedbackEvent"));
    }

    [Test]
    public async Task Unknown_schema_name_exits_1()
    {
        await using var server = await RegistryFixture.StartAsync();
        var payload = _dir.Write("ok.json", Schemas.ValidFeedback);

        var run = await CliHost.RunAsync("validate", "--registry-url", server.Url(), "--schema", "no.Such", "--payloads", payload);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Finding), run.ToString());
    }

    [Test]
    public async Task Registry_down_exits_3()
    {
        await using var server = await RegistryFixture.StartAsync();
        server.Down = true;
        var payload = _dir.Write("ok.json", Schemas.ValidFeedback);

        var run = await CliHost.RunAsync("validate", "--registry-url", server.Url(), "--timeout", "5", "--schema", "telemetry.FeedbackEvent", "--payloads", payload);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.RegistryUnavailable), run.ToString());
    }

    [Test]
    public async Task Missing_payloads_path_is_a_usage_error()
    {
        var run = await CliHost.RunAsync("validate", "--schema", _schema, "--payloads", _dir.File("nowhere.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("nowhere.json"));
    }

    [Test]
    public async Task A_schema_file_that_does_not_compile_is_a_usage_error()
    {
        var broken = _dir.Write("broken.json", """{"type": 12}""");
        var payload = _dir.Write("ok.json", Schemas.ValidFeedback);

        var run = await CliHost.RunAsync("validate", "--schema", broken, "--payloads", payload);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("cannot be compiled"));
    }

    [Test]
    public async Task Missing_schema_file_is_a_usage_error()
    {
        var payload = _dir.Write("ok.json", Schemas.ValidFeedback);

        var run = await CliHost.RunAsync("validate", "--schema", _dir.File("missing.json"), "--payloads", payload);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
    }

    [Test]
    public async Task Bad_mode_is_a_usage_error()
    {
        var payload = _dir.Write("ok.json", Schemas.ValidFeedback);

        var run = await CliHost.RunAsync("validate", "--schema", _schema, "--payloads", payload, "--mode", "enforce-ish");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
    }
}
