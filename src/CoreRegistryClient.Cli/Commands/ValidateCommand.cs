using System.CommandLine;
using System.Text.Json.Serialization;
using CoreRegistryClient.Cli.Validation;
using CoreRegistryClient.JsonSchema;
using CoreRegistryClient.Cli.Output;
using Spectre.Console;

namespace CoreRegistryClient.Cli.Commands;

/// <summary><c>validate</c>: validates payloads against a schema and prints every error with its locations.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var schema = new Option<string>("--schema") { Description = "A schema name (fetched from the registry) or a schema file", Required = true, HelpName = "name|file" };
        var payloads = new Option<string>("--payloads") { Description = "A JSON file, a JSON Lines file (.jsonl, one payload per line) or a directory of them", Required = true, HelpName = "file|dir" };
        var mode = new Option<string>("--mode") { Description = "strict: exit 1 when any payload is invalid; warn: report only", DefaultValueFactory = _ => "strict", HelpName = "warn|strict" };
        mode.AcceptOnlyFromAmong("warn", "strict");
        var version = new Option<string?>("--version") { Description = "Registry version of the schema [default: latest]", HelpName = "version" };

        var command = new Command("validate", "Validate payloads against a schema (exit 1 when any payload is invalid in strict mode)")
        {
            schema, payloads, mode, version,
        };
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            var resolved = await SchemaResolver.ResolveAsync(parse.GetValue(schema)!, parse.GetValue(version), context, common, parse, cancellationToken).ConfigureAwait(false);
            var strict = parse.GetValue(mode) == "strict";
            var json = common.IsJson(parse);
            var outcomes = new List<PayloadOutcome>();
            foreach (var payload in PayloadReader.Read(parse.GetValue(payloads)!))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = PayloadOutcome.From(payload, resolved.Validator.Validate(payload.Utf8Json, OutputFormat.List));
                outcomes.Add(outcome);
                if (!json && !outcome.Valid)
                {
                    RenderInvalid(context.Output, outcome);
                }
            }

            var summary = new ValidationSummary(resolved.Name, resolved.Version, strict ? "strict" : "warn", outcomes.Count, outcomes.Count(o => o.Valid), outcomes.Count(o => !o.Valid), outcomes);
            if (json)
            {
                await CliJson.WriteAsync(context, summary).ConfigureAwait(false);
            }
            else
            {
                context.Output.Line(Markup.Escape(
                    $"{summary.Schema}{(summary.Version is null ? "" : " " + summary.Version)} ({summary.Mode}): {summary.Total} payloads, {summary.Valid} valid, {summary.Invalid} invalid"));
            }

            return strict && summary.Invalid > 0 ? ExitCodes.Finding : ExitCodes.Success;
        });
        return command;
    }

    private static void RenderInvalid(HumanOutput output, PayloadOutcome outcome)
    {
        output.Line($"[red]invalid[/] {Markup.Escape(outcome.Payload)}");
        if (outcome.InputError is not null)
        {
            output.Line($"  {Markup.Escape(outcome.InputError)}");
            return;
        }

        var table = new OutputTable("Instance location", "Keyword", "Message", "Keyword location");
        foreach (var error in outcome.Errors)
        {
            table.AddRow(Markup.Escape(error.InstanceLocation.Length == 0 ? "(root)" : error.InstanceLocation), Markup.Escape(error.Keyword), Markup.Escape(error.Message), Markup.Escape(error.KeywordLocation));
        }

        output.Table(table);
    }

    private sealed record ValidationSummary(
        [property: JsonPropertyName("schema")] string Schema,
        [property: JsonPropertyName("version")] string? Version,
        [property: JsonPropertyName("mode")] string Mode,
        [property: JsonPropertyName("total")] int Total,
        [property: JsonPropertyName("valid")] int Valid,
        [property: JsonPropertyName("invalid")] int Invalid,
        [property: JsonPropertyName("results")] IReadOnlyList<PayloadOutcome> Results);
}
