using CoreRegistryClient.Drift;
using Spectre.Console;

namespace CoreRegistryClient.Cli.Commands;

/// <summary>The human rendering of a drift report: a table, the breaking changes, a summary line.</summary>
internal static class DriftOutput
{
    public static void Render(IAnsiConsole console, DriftReport report, string reportPath)
    {
        if (!report.RegistryAvailable)
        {
            console.MarkupLine($"[yellow]Registry unavailable[/]: {Markup.Escape(report.RegistryError ?? "unknown error")}. Statuses are unknown; this is not drift.");
        }

        var table = new Table().AddColumns("Schema", "Status", "Classification", "Local version", "Registry version", "Changes");
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

        console.Write(table);
        foreach (var entry in report.Schemas.Where(e => e.Changes.Count > 0 || e.Error is not null || e.RegistryBreakingReasons.Count > 0))
        {
            console.MarkupLine($"[bold]{Markup.Escape(entry.Schema)}[/]");
            foreach (var change in entry.Changes)
            {
                var colour = change.Classification == ChangeClassification.Breaking ? "red" : "green";
                console.MarkupLine($"  [{colour}]{Name(change.Classification)}[/] {Markup.Escape(change.Location)}: {Markup.Escape(change.Description)}");
            }

            foreach (var reason in entry.RegistryBreakingReasons)
            {
                console.MarkupLine($"  [red]registry[/]: {Markup.Escape(reason)}");
            }

            if (entry.Error is not null)
            {
                console.MarkupLine($"  [yellow]error[/]: {Markup.Escape(entry.Error)}");
            }
        }

        console.MarkupLine(Markup.Escape(
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
