using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using CoreRegistryClient.Cli.Validation;
using CoreRegistryClient.JsonSchema;
using CoreRegistryClient.Cli.Output;
using Spectre.Console;

namespace CoreRegistryClient.Cli.Commands;

/// <summary><c>replay</c>: the go/no-go input before switching to strict — how many real payloads a candidate
/// schema version would reject, and why.</summary>
internal static class ReplayCommand
{
    private const int Top = 10;

    public static Command Create(CliContext context, CommonOptions common)
    {
        var schema = new Option<string>("--schema") { Description = "The schema name (or a schema file)", Required = true, HelpName = "name" };
        var corpus = new Option<string>("--corpus") { Description = "Real payloads: a directory of .json/.jsonl files or one .jsonl file", Required = true, HelpName = "dir|file.jsonl" };
        var version = new Option<string?>("--version") { Description = "The candidate version [default: latest]", HelpName = "version" };
        var maxRejectRate = NumberOptions.Decimal("--max-reject-rate", "a percentage between 0 and 100");
        maxRejectRate.Description = "Exit 1 when the would-reject rate (percent) is above this";
        maxRejectRate.HelpName = "percent";

        var command = new Command("replay", "Replay a corpus of payloads against a candidate schema version: would-reject rate, top failing keywords and locations")
        {
            schema, corpus, version, maxRejectRate,
        };
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            var limit = parse.GetValue(maxRejectRate);
            if (limit is < 0 or > 100)
            {
                throw new UsageException("--max-reject-rate is a percentage between 0 and 100.");
            }

            var resolved = await SchemaResolver.ResolveAsync(parse.GetValue(schema)!, parse.GetValue(version), context, common, parse, cancellationToken).ConfigureAwait(false);
            var stats = new ReplayStatistics();
            foreach (var payload in PayloadReader.Read(parse.GetValue(corpus)!))
            {
                cancellationToken.ThrowIfCancellationRequested();
                stats.Add(resolved.Validator.Validate(payload.Utf8Json, OutputFormat.List));
            }

            var summary = new ReplaySummary(
                resolved.Name, resolved.Version, stats.Total, stats.Rejected, stats.RejectRatePercent,
                [.. stats.TopKeywords(Top).Select(k => new Count(k.Key, k.Value))],
                [.. stats.TopLocations(Top).Select(k => new Count(k.Key, k.Value))]);
            if (common.IsJson(parse))
            {
                await CliJson.WriteAsync(context, summary).ConfigureAwait(false);
            }
            else
            {
                Render(context.Output, summary);
            }

            return limit is { } max && summary.RejectRatePercent > max ? ExitCodes.Finding : ExitCodes.Success;
        });
        return command;
    }

    private static void Render(HumanOutput output, ReplaySummary summary)
    {
        output.Line(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Schema}{(summary.Version is null ? "" : " " + summary.Version)}: {summary.Total} payloads, {summary.WouldReject} would be rejected ({summary.RejectRatePercent:0.##}%)")));
        Write(output, "Failing keyword", summary.TopKeywords);
        Write(output, "Instance location", summary.TopLocations);

        static void Write(HumanOutput output, string title, IReadOnlyList<Count> counts)
        {
            if (counts.Count == 0)
            {
                return;
            }

            var table = new OutputTable(title, "Payloads");
            foreach (var count in counts)
            {
                table.AddRow(Markup.Escape(count.Key.Length == 0 ? "(root)" : count.Key), count.Payloads.ToString(CultureInfo.InvariantCulture));
            }

            output.Table(table);
        }
    }

    private sealed record Count(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("payloads")] int Payloads);

    private sealed record ReplaySummary(
        [property: JsonPropertyName("schema")] string Schema,
        [property: JsonPropertyName("version")] string? Version,
        [property: JsonPropertyName("total")] int Total,
        [property: JsonPropertyName("would_reject")] int WouldReject,
        [property: JsonPropertyName("reject_rate_percent")] double RejectRatePercent,
        [property: JsonPropertyName("top_keywords")] IReadOnlyList<Count> TopKeywords,
        [property: JsonPropertyName("top_instance_locations")] IReadOnlyList<Count> TopLocations);
}
