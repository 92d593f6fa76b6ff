using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Cli.Tests.Output;

/// <summary>The tool's output as a pipe, a file or a CI log receives it, from the real program: no escape codes
/// (even with TERM set), nothing cut at 80 columns, tables as tab-separated lines; colour only on a terminal and
/// never with NO_COLOR.</summary>
public class RedirectedOutputTests
{
    private const string LongName = "telemetry.FeedbackEventWithANameLongerThanAnEightyColumnTerminalCouldEverShowInOneCell";
    private const string Escape = "\u001b"; // compared ordinally: a culture-aware search ignores control characters
    private LoopbackRegistryServer _server = null!;
    private TempDirectory _dir = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await RegistryFixture.StartAsync();
        _server.Registry.Add("v1", LongName, "1.0.0", Schemas.Bar);
        _dir = new TempDirectory();
    }

    [TearDown]
    public async Task TearDown()
    {
        _dir.Dispose();
        await _server.DisposeAsync();
    }

    private static readonly Dictionary<string, string?> ColourTerminal = new() { ["TERM"] = "xterm-256color", ["COLORTERM"] = "truecolor" };

    [Test]
    public async Task Index_in_a_pipe_has_no_escape_codes_and_writes_full_rows_as_tab_separated_lines()
    {
        var run = await ToolProcess.RunAsync(ColourTerminal, terminal: false, "index", "--registry-url", _server.Url());

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out.Contains(Escape, StringComparison.Ordinal), Is.False, run.Out);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("Track\tSchema\tLatest version\tsha256\tDeprecated"));
        Assert.That(lines, Has.Some.StartsWith($"v1\t{LongName}\t1.0.0\t"));
        Assert.That(lines.Where(l => l.Contains('\t', StringComparison.Ordinal)).Select(l => l.Split('\t').Length), Is.All.EqualTo(5));
        Assert.That(run.Out, Does.Not.Contain("│").And.Not.Contain("…"));
    }

    [Test]
    public async Task Drift_in_a_pipe_keeps_the_summary_on_one_line_and_colourless_status_words()
    {
        var schemas = Path.Combine(_dir.Path, "schemas");
        await ToolProcess.RunAsync(ColourTerminal, terminal: false, "fetch", "--registry-url", _server.Url(), "--output", schemas);
        _server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1Breaking)
            .SetCompatibility("telemetry.FeedbackEvent", new Registry.CompatibilityResult(false, ["region is required"], [], null));

        var run = await ToolProcess.RunAsync(ColourTerminal, terminal: false, "drift", "--schema-dir", schemas, "--output", _dir.File("report.json"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That((run.Out + run.Error).Contains(Escape, StringComparison.Ordinal), Is.False, run.ToString());
        Assert.That(run.Out, Does.Contain($"{LongName}\tsynced\t"));
        Assert.That(run.Out, Does.Contain("telemetry.FeedbackEvent\tdrift\tbreaking (registry)\t1.1.2\t1.2.0\t"));
        Assert.That(run.Out.Split('\n'), Has.Some.Match("^Track v1, canonical form jcs: 3 schemas, 2 synced, 1 drifted \\(1 breaking\\), 0 missing locally, 0 unknown\\. Report: .*report\\.json$"));
    }

    [Test]
    public async Task Json_in_a_pipe_is_the_same_machine_format()
    {
        var run = await ToolProcess.RunAsync(ColourTerminal, terminal: false, "index", "--registry-url", _server.Url(), "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.GetProperty("tracks").GetProperty("v1").GetProperty("count").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task A_terminal_gets_a_drawn_table_in_colour_and_no_colour_with_NO_COLOR()
    {
        var schemas = Path.Combine(_dir.Path, "schemas");
        string[] fetch = ["fetch", "--registry-url", _server.Url(), "--output", schemas];

        var coloured = await ToolProcess.RunAsync(ColourTerminal, terminal: true, fetch);
        var plain = await ToolProcess.RunAsync(new Dictionary<string, string?>(ColourTerminal) { ["NO_COLOR"] = "1" }, terminal: true, fetch);

        Assert.That(coloured.ExitCode, Is.EqualTo(0), coloured.ToString());
        Assert.That(coloured.Out, Does.Contain("│"), "a terminal gets a table");
        Assert.That(coloured.Out, Does.Match("\u001b\\[[0-9;]*m"), "and colour");
        Assert.That(plain.ExitCode, Is.EqualTo(0), plain.ToString());
        Assert.That(plain.Out, Does.Contain("│").And.Contain("fetched"));
        Assert.That(plain.Out, Does.Not.Match("\u001b\\[[0-9;]*m"), "NO_COLOR: no colour codes");
    }
}
