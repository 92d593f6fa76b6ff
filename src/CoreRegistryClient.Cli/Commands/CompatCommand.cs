using System.CommandLine;
using System.CommandLine.Parsing;
using CoreRegistryClient.Registry;
using Spectre.Console;

namespace CoreRegistryClient.Cli.Commands;

/// <summary><c>compat NAME --from v1@1.1.2 --to v2@1.2.0</c>: the registry's compatibility verdict.</summary>
internal static class CompatCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var name = new Argument<string>("name") { Description = "The schema name" };
        var from = new Option<TrackVersion>("--from") { Description = "The current version, as track@version", Required = true, CustomParser = Parse, HelpName = "track@version" };
        var to = new Option<TrackVersion>("--to") { Description = "The candidate version, as track@version", Required = true, CustomParser = Parse, HelpName = "track@version" };
        var command = new Command("compat", "Ask the registry whether a version change is backward compatible (exit 0 compatible, 1 not)") { name, from, to };
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            var settings = common.ResolveRegistry(parse);
            var (fromTrack, fromVersion) = parse.GetValue(from)!;
            var (toTrack, toVersion) = parse.GetValue(to)!;
            var session = context.ConnectRegistry(settings);
            await using var sessionScope = session.ConfigureAwait(false);
            var result = await session.Client.CheckCompatibilityAsync(new CompatibilityQuery(parse.GetValue(name)!, fromTrack, fromVersion, toTrack, toVersion), cancellationToken).ConfigureAwait(false);
            if (common.IsJson(parse))
            {
                await CliJson.WriteAsync(context, result).ConfigureAwait(false);
            }
            else
            {
                context.Output.Line(result.Compatible
                    ? $"[green]compatible[/]: {Markup.Escape($"{fromTrack}@{fromVersion} -> {toTrack}@{toVersion}")}"
                    : $"[red]not compatible[/]: {Markup.Escape($"{fromTrack}@{fromVersion} -> {toTrack}@{toVersion}")}");
                foreach (var reason in result.BreakingReasons)
                {
                    context.Output.Line($"  breaking: {Markup.Escape(reason)}");
                }

                foreach (var advice in result.Advice)
                {
                    context.Output.Line($"  advice: {Markup.Escape(advice)}");
                }
            }

            return result.Compatible ? ExitCodes.Success : ExitCodes.Finding;
        });
        return command;
    }

    private static TrackVersion Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == text.Length - 1)
        {
            result.AddError($"'{text}' is not track@version (e.g. v1@1.1.2).");
            return new TrackVersion("", "");
        }

        return new TrackVersion(text[..at], text[(at + 1)..]);
    }

    /// <summary>A version on a track, written <c>track@version</c>.</summary>
    internal sealed record TrackVersion(string Track, string Version);
}
