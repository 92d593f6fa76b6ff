using CoreRegistryClient.Cli.Output;
using CoreRegistryClient.Drift;
using Spectre.Console;

namespace CoreRegistryClient.Cli.Commands;

/// <summary>The human rendering of a drift report: a table, the breaking changes, a summary line.</summary>
internal static class DriftOutput
{
    public static void Render(HumanOutput output, DriftReport report, string reportPath)
    {
        if (!report.RegistryAvailable)
        {
            // The client's message ends with its own full stop.
            output.Line($"[yellow]Registry unavailable[/]: {Markup.Escape((report.RegistryError ?? "unknown error").TrimEnd('.'))}. Statuses are unknown; this is not drift.");
        }

        var table = new OutputTable("Schema", "Status", "Classification", "Local version", "Registry version", "Changes");
        foreach (var entry in report.Schemas)
        {
            table.AddRow(
                Markup.Escape(entry.Schema),
                StatusMarkup(entry.Status),
                Markup.Escape(Name(entry.Classification) + (entry.DecidedBy == ClassificationSource.Registry ? " (registry)" : "")),
                Markup.Escape(entry.LocalVersion ?? "-"),
                Markup.Escape(entry.RegistryVersion ?? "-"),
                entry.Changes.Count == 0 ? "-" : entry.Changes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        output.Table(table);
        foreach (var entry in report.Schemas.Where(e => e.Changes.Count > 0 || e.Error is not null || e.RegistryBreakingReasons.Count > 0))
        {
            output.Line($"[bold]{Markup.Escape(entry.Schema)}[/]");
            foreach (var change in entry.Changes)
            {
                var colour = change.Classification == ChangeClassification.Breaking ? "red" : "green";
                output.Line($"  [{colour}]{Name(change.Classification)}[/] {Markup.Escape(change.Location)}: {Markup.Escape(change.Description)}");
            }

            foreach (var reason in entry.RegistryBreakingReasons)
            {
                output.Line($"  [red]registry[/]: {Markup.Escape(reason)}");
            }

            if (entry.Error is not null)
            {
                output.Line($"  [yellow]error[/]: {Markup.Escape(entry.Error)}");
            }
        }

        output.Line(Markup.Escape(
            $"Track {report.Track}, canonical form {report.CanonicalForm}: {report.TotalSchemas} schemas, {report.Synced} synced, {report.Drifted} drifted ({report.Breaking} breaking), " +
            $"{report.MissingLocally} missing locally, {report.Unknown} unknown. Report: {reportPath}"));
    }

    private static string Name(ChangeClassification? classification) => classification switch
    {
        ChangeClassification.Breaking => "breaking",
        ChangeClassification.Benign => "benign",
        _ => "-",
    };

    private static string StatusMarkup(DriftStatus status) => status switch
    {
        DriftStatus.Synced => "[green]synced[/]",
        DriftStatus.Drift => "[red]drift[/]",
        DriftStatus.VersionMismatch => "[yellow]version_mismatch[/]",
        DriftStatus.MissingInRegistry => "[red]missing_in_registry[/]",
        DriftStatus.MissingLocally => "[blue]missing_locally[/]",
        _ => "[grey]unknown[/]",
    };
}
