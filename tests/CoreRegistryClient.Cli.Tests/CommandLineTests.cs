using System.CommandLine;

namespace CoreRegistryClient.Cli.Tests;

/// <summary>What the command line says when it is used wrongly or asked for help: one readable line per problem,
/// the usage exit code, no .NET type names or stack traces.</summary>
public class CommandLineTests
{
    private static readonly Type[] NumericTypes = [typeof(int), typeof(long), typeof(double), typeof(decimal), typeof(float), typeof(TimeSpan)];

    /// <summary>Every option of every command whose value is a number, found by walking the real command tree.</summary>
    public static IEnumerable<TestCaseData> NumericOptions()
    {
        var root = CoreRegistryCli.Build(CliContext.ForWriters(TextWriter.Null, TextWriter.Null));
        foreach (var command in new[] { (Command)root }.Concat(root.Subcommands))
        {
            foreach (var option in command.Options.Where(o => NumericTypes.Contains(Nullable.GetUnderlyingType(o.ValueType) ?? o.ValueType)))
            {
                string[] path = command == root ? [] : [command.Name];
                yield return new TestCaseData(path, option.Name).SetArgDisplayNames(string.Join(' ', path.Append(option.Name)));
            }
        }
    }

    [Test]
    public void The_tree_has_numeric_options_to_check()
    {
        Assert.That(NumericOptions().Count(), Is.GreaterThanOrEqualTo(2));
    }

    [TestCaseSource(nameof(NumericOptions))]
    public async Task A_non_numeric_value_is_one_line_naming_the_option_and_exits_with_the_usage_code(string[] command, string option)
    {
        var run = await CliHost.RunAsync([.. command, option, "abc"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        var mine = run.Error.Split('\n').Where(l => l.Contains(option, StringComparison.Ordinal) && l.Contains("'abc'", StringComparison.Ordinal)).ToList();
        Assert.That(mine, Has.Count.EqualTo(1), run.ToString());
        Assert.That(mine[0], Does.StartWith("error: ").And.Contain("expects"));
        Assert.That(run.Error, Does.Not.Contain("System.").And.Not.Contain("   at "), run.ToString());
        Assert.That(run.Error, Does.Contain("--help' for usage."));
    }

    [Test]
    public async Task Index_help_says_that_without_track_every_track_is_listed()
    {
        var run = await CliHost.RunAsync("index", "--help");

        var track = run.Out.Split('\n').Single(l => l.TrimStart().StartsWith("--track", StringComparison.Ordinal));
        Assert.That(track, Does.Contain("every track").And.Not.Contain("else v1"));
    }

    [Test]
    public async Task Fetch_help_keeps_the_v1_default_of_track()
    {
        var run = await CliHost.RunAsync("fetch", "--help");

        Assert.That(run.Out.Split('\n').Single(l => l.TrimStart().StartsWith("--track", StringComparison.Ordinal)), Does.Contain("else v1"));
    }

    [Test]
    public async Task A_schema_file_failing_its_meta_schema_is_reported_on_one_line_with_the_enum_inline()
    {
        using var dir = new TempDirectory();
        var schema = dir.Write("bad.json", """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"objekt"}""");
        var payload = dir.Write("p.json", "{}");

        var run = await CliHost.RunAsync("validate", "--schema", schema, "--payloads", payload);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("""["array","boolean","integer","null","number","object","string"]"""));
        Assert.That(run.Error, Does.Contain("at '/type'").And.Not.Contain("(at /type)"), "the location is named once");
    }

    [Test]
    public async Task Registry_unavailable_line_ends_the_client_message_with_one_full_stop()
    {
        await using var server = await RegistryFixture.StartAsync();
        using var dir = new TempDirectory();
        dir.Write("schemas/telemetry.FeedbackEvent.json", Schemas.FeedbackV1);
        server.Down = true;

        var run = await CliHost.RunAsync("drift", "--registry-url", server.Url(), "--timeout", "5", "--schema-dir", dir.File("schemas"), "--output", dir.File("r.json"));

        Assert.That(run.Out, Does.Contain("Registry unavailable: ").And.Contain(". Statuses are unknown"));
        Assert.That(run.Out + run.Error, Does.Not.Contain(".."));
    }
}
