using System.CommandLine;
using CoreRegistryClient.Cli.Drills;
using CoreRegistryClient.Cli.Output;
using Spectre.Console;

namespace CoreRegistryClient.Cli.Commands;

/// <summary><c>drill benign|breaking|outage</c>: the pipeline plan's go-live drills, run against a real registry.</summary>
internal static class DrillCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var kind = new Argument<string>("drill") { Description = "benign: an optional field added; breaking: a field made required and an enum value removed; outage: the registry goes away after warm-up" };
        kind.AcceptOnlyFromAmong("benign", "breaking", "outage");
        var schema = new Option<string>("--schema")
        {
            Description = "The drill's own schema name (published to, then deprecated; never use a service's real schema)",
            DefaultValueFactory = _ => DrillSchemas.DefaultName,
            HelpName = "name",
        };
        var wait = NumberOptions.Decimal("--wait", "a number of seconds");
        wait.Description = "How long a step waits for the service to see a change (publish, outage, recovery) [default: 60]";
        wait.HelpName = "seconds";
        var keep = new Option<bool>("--keep") { Description = "Leave the drill's versions published (not deprecated) for inspection" };

        var command = new Command("drill", "Run a go-live drill against a registry through its admin API (needs --token): publish drill schema versions, send golden payloads through a service wired as AddSchemaEnforcement wires one, check outcomes, clean up (exit 0 passed, 1 failed, 3 registry unavailable or token refused)")
        {
            kind, schema, wait, keep,
        };
        common.DescribeTrack(command, $"Track the drill publishes to and validates on [default: ${CommonOptions.TrackVariable}, else {CommonOptions.DefaultTrack}]");
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            var settings = common.ResolveRegistry(parse);
            if (settings.Token is null)
            {
                throw new UsageException($"A drill publishes through the admin API: pass --token or set {CommonOptions.TokenVariable}.");
            }

            var seconds = parse.GetValue(wait) ?? 60;
            if (seconds is <= 0 or > 3600)
            {
                throw new UsageException("--wait must be between 0 and 3600 seconds.");
            }

            var name = parse.GetValue(schema)!.Trim();
            if (name.Length == 0)
            {
                throw new UsageException("--schema must not be empty.");
            }

            var drill = Enum.Parse<DrillKind>(parse.GetValue(kind)!, ignoreCase: true);
            var admin = context.ConnectRegistry(settings);
            await using var adminScope = admin.ConfigureAwait(false);
            var runner = new DrillRunner(settings, name, common.ResolveTrack(parse), TimeSpan.FromSeconds(seconds), context.Time);
            var (report, unavailable) = await runner.RunAsync(drill, parse.GetValue(keep), admin, cancellationToken).ConfigureAwait(false);

            if (common.IsJson(parse))
            {
                await CliJson.WriteAsync(context, report).ConfigureAwait(false);
            }
            else
            {
                Render(context.Output, report);
            }

            if (!report.Passed)
            {
                await CiAnnotation.ErrorAsync(context, $"drill {Name(report.Kind)} failed: {string.Join("; ", report.Steps.Where(s => !s.Passed).Select(s => $"{s.Name}: {s.Detail}"))}").ConfigureAwait(false);
            }

            return report.Passed ? ExitCodes.Success : unavailable ? ExitCodes.RegistryUnavailable : ExitCodes.Finding;
        });
        return command;
    }

    private static string Name(DrillKind kind) => kind.ToString().ToLowerInvariant();

    private static void Render(HumanOutput output, DrillReport report)
    {
        var table = new OutputTable("Step", "Result", "Detail");
        foreach (var step in report.Steps)
        {
            table.AddRow(Markup.Escape(step.Name), step.Passed ? "[green]pass[/]" : "[red]FAIL[/]", Markup.Escape(step.Detail));
        }

        output.Table(table);
        var verdict = report.Passed ? "[green]PASSED[/]" : "[red]FAILED[/]";
        output.Line($"Drill {Name(report.Kind)} on {Markup.Escape(report.Schema)} ({Markup.Escape(report.Track)}, {Markup.Escape(report.RegistryUrl)}): {verdict}, " +
            Markup.Escape($"{report.Steps.Count(s => s.Passed)}/{report.Steps.Count} steps passed; versions {string.Join(", ", report.Versions)} {(report.CleanedUp ? "deprecated (clean-up done)" : report.Versions.Count == 0 ? "none published" : "left published")}."));
    }
}
