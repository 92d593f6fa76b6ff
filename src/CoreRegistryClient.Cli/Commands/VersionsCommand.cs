using System.CommandLine;
using CoreRegistryClient.Cli.Output;
using Spectre.Console;

namespace CoreRegistryClient.Cli.Commands;

/// <summary><c>versions NAME</c>: every version of a schema on a track.</summary>
internal static class VersionsCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var name = new Argument<string>("name") { Description = "The schema name" };
        var command = new Command("versions", "List the versions of a schema on a track (exit 1 when it does not exist)") { name };
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            var settings = common.ResolveRegistry(parse);
            var track = common.ResolveTrack(parse);
            var session = context.ConnectRegistry(settings);
            await using var sessionScope = session.ConfigureAwait(false);
            var versions = await session.Client.GetVersionsAsync(track, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            if (common.IsJson(parse))
            {
                await CliJson.WriteAsync(context, versions).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var table = new OutputTable("Version", "sha256", "Created", "Deprecated");
            foreach (var version in versions)
            {
                table.AddRow(Markup.Escape(version.CoreVersion), Markup.Escape(IndexCommand.Short(version.Sha256)), Markup.Escape(version.CreatedAt ?? "-"), version.Deprecated ? "[yellow]yes[/]" : "no");
            }

            context.Output.Table(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
