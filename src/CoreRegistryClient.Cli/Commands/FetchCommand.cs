using System.CommandLine;
using CoreRegistryClient.Drift;
using CoreRegistryClient.Registry;
using Spectre.Console;

namespace CoreRegistryClient.Cli.Commands;

/// <summary><c>fetch</c>: writes the registry's schemas of a track into a directory, with <c>_metadata.json</c>.</summary>
internal static class FetchCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var output = new Option<DirectoryInfo>("--output") { Description = "Directory to write <name>.json files and _metadata.json into (created if needed)", Required = true, HelpName = "dir" };
        var schemas = new Option<string[]>("--schemas")
        {
            Description = "Only these schemas [default: every schema of the track]",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "name",
        };

        var command = new Command("fetch", "Fetch the schemas of a track into a directory (a failing schema is reported, a missing index or track fails the run)")
        {
            output, schemas,
        };
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            var settings = common.ResolveRegistry(parse);
            var track = common.ResolveTrack(parse);
            var directory = parse.GetValue(output)!;
            var session = context.ConnectRegistry(settings);
            await using var sessionScope = session.ConfigureAwait(false);

            SchemaIndex index;
            try
            {
                index = await session.Client.GetIndexAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SchemaNotFoundException ex)
            {
                throw new FindingException($"The registry has no index at {settings.Url}: {ex.Message}", ex);
            }

            if (!index.Tracks.TryGetValue(track, out var trackIndex))
            {
                throw new FindingException($"The registry has no track '{track}' (it has: {string.Join(", ", index.Tracks.Keys.Order(StringComparer.Ordinal))}).");
            }

            string[] requested = parse.GetValue(schemas) is { Length: > 0 } names ? [.. names.Distinct(StringComparer.Ordinal)] : [.. trackIndex.Schemas.Select(s => s.Name)];
            var result = await FetchAllAsync(session.Client, track, trackIndex, requested, directory, cancellationToken).ConfigureAwait(false);
            var metadata = new SchemaDirectoryMetadata
            {
                RegistryUrl = settings.Url.ToString(),
                Track = track,
                FetchedAt = context.Time.GetUtcNow(),
                SchemasFetched = result.Versions.Count,
                SchemasFailed = result.Failures.Count,
                FailedSchemas = [.. result.Failures.Keys.Order(StringComparer.Ordinal)],
                Versions = result.Versions,
            };
            metadata.Write(directory.FullName);

            if (common.IsJson(parse))
            {
                await CliJson.WriteAsync(context, new { metadata, errors = result.Failures }).ConfigureAwait(false);
            }
            else
            {
                Render(context.Console, metadata, result, directory.FullName);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<FetchResult> FetchAllAsync(ISchemaRegistryClient client, string track, TrackIndex trackIndex, string[] requested, DirectoryInfo directory, CancellationToken cancellationToken)
    {
        directory.Create();
        var byName = trackIndex.Schemas.ToDictionary(s => SchemaNames.Canonical(s.Name), StringComparer.Ordinal);
        var result = new FetchResult();
        RegistryUnavailableException? lastUnavailable = null;
        var unavailable = 0;
        foreach (var name in requested)
        {
            var local = SchemaNames.Canonical(name);
            if (!IsSafeFileName(local))
            {
                result.Failures[name] = "The name cannot be used as a file name.";
                continue;
            }

            if (!byName.TryGetValue(local, out var entry))
            {
                result.Failures[name] = $"Not in the index of track '{track}'.";
                continue;
            }

            try
            {
                var schema = await client.GetSchemaAsync(track, entry.Name, null, cancellationToken).ConfigureAwait(false);
                var content = System.Text.Encoding.UTF8.GetBytes(schema.Content.GetRawText() + "\n");
                DriftJson.WriteAtomically(Path.Combine(directory.FullName, local + ".json"), content);
                result.Versions[local] = schema.CoreVersion;
            }
            catch (RegistryException ex)
            {
                result.Failures[name] = $"{ex.Kind}: {ex.Message}";
                lastUnavailable = ex as RegistryUnavailableException;
                unavailable += lastUnavailable is null ? 0 : 1;
            }
        }

        // One schema failing is reported; the registry failing for every schema is an outage.
        if (lastUnavailable is not null && unavailable == requested.Length)
        {
            throw lastUnavailable;
        }

        return result;
    }

    private static bool IsSafeFileName(string name) =>
        name.Length > 0 && name is not ("." or "..") && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && name.IndexOfAny(['/', '\\', ':']) < 0;

    private static void Render(IAnsiConsole console, SchemaDirectoryMetadata metadata, FetchResult result, string directory)
    {
        var table = new Table().AddColumns("Schema", "Version", "Result");
        foreach (var (name, version) in result.Versions.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(version), "[green]fetched[/]");
        }

        foreach (var (name, error) in result.Failures.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(name), "-", $"[red]failed[/]: {Markup.Escape(error)}");
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape($"Track {metadata.Track}: {metadata.SchemasFetched} fetched, {metadata.SchemasFailed} failed, into {directory}"));
    }

    private sealed class FetchResult
    {
        public Dictionary<string, string> Versions { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Failures { get; } = new(StringComparer.Ordinal);
    }
}
