using System.CommandLine;
using CoreRegistryClient.Cli.Output;
using Spectre.Console;

namespace CoreRegistryClient.Cli.Commands;

/// <summary><c>index</c>: the registry's schemas per track with version and sha256.</summary>
internal static class IndexCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var command = new Command("index", "List the registry's schemas (every track, or only --track)");
        common.DescribeTrack(command, $"Only this track: v1 (stable) or v2 (preview) [default: ${CommonOptions.TrackVariable}, else every track]");
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            var settings = common.ResolveRegistry(parse);
            var onlyTrack = common.RequestedTrack(parse);
            var session = context.ConnectRegistry(settings);
            await using var sessionScope = session.ConfigureAwait(false);
            var index = await session.Client.GetIndexAsync(cancellationToken).ConfigureAwait(false);
            var tracks = index.Tracks.Where(t => onlyTrack is null || t.Key == onlyTrack).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
            if (onlyTrack is not null && tracks.Count == 0)
            {
                throw new FindingException($"The registry has no track '{onlyTrack}' (it has: {string.Join(", ", index.Tracks.Keys.Order(StringComparer.Ordinal))}).");
            }

            if (common.IsJson(parse))
            {
                await CliJson.WriteAsync(context, onlyTrack is null ? index : index with { Tracks = tracks.ToDictionary() }).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var table = new OutputTable("Track", "Schema", "Latest version", "sha256", "Deprecated");
            foreach (var (track, trackIndex) in tracks)
            {
                foreach (var schema in trackIndex.Schemas.OrderBy(s => s.Name, StringComparer.Ordinal))
                {
                    table.AddRow(Markup.Escape(track), Markup.Escape(schema.Name), Markup.Escape(schema.LatestCoreVersion ?? "-"), Markup.Escape(Short(schema.Sha256)), schema.Deprecated ? "[yellow]yes[/]" : "no");
                }
            }

            context.Output.Table(table);
            context.Output.Line(Markup.Escape($"{tracks.Sum(t => t.Value.Schemas.Count)} schemas in {tracks.Count} track(s); index generated at {index.GeneratedAt ?? "unknown"}"));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
