using Spectre.Console;

namespace CoreRegistryClient.Cli.Output;

/// <summary>Writes what people read. On a terminal: Spectre tables, sized to the window, coloured unless
/// <c>NO_COLOR</c> is set. Anywhere else (a pipe, a file, a CI log): plain text — tables as tab-separated lines
/// with a header line, never an escape code, never cut to a width — so <c>grep</c>, <c>cut -f</c> and <c>awk -F'\t'</c>
/// work on it. <c>--json</c> remains the machine format.</summary>
internal sealed class HumanOutput
{
    private readonly IAnsiConsole? _terminal;
    private readonly TextWriter _plain;

    private HumanOutput(IAnsiConsole? terminal, TextWriter plain)
    {
        _terminal = terminal;
        _plain = plain;
    }

    /// <summary>Whether output goes to a terminal (tables drawn, colour as allowed).</summary>
    public bool IsTerminal => _terminal is not null;

    /// <summary>Output for a terminal through <paramref name="console"/>.</summary>
    public static HumanOutput ForTerminal(IAnsiConsole console) => new(console ?? throw new ArgumentNullException(nameof(console)), TextWriter.Null);

    /// <summary>Plain output on <paramref name="writer"/>.</summary>
    public static HumanOutput Plain(TextWriter writer) => new(null, writer ?? throw new ArgumentNullException(nameof(writer)));

    /// <summary>One line of Spectre markup; plain output drops the styling.</summary>
    public void Line(string markup)
    {
        if (_terminal is not null)
        {
            _terminal.MarkupLine(markup);
            return;
        }

        _plain.WriteLine(OneLine(Markup.Remove(markup)));
    }

    /// <summary>A table; plain output writes the header and each row as tab-separated text.</summary>
    public void Table(OutputTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (_terminal is not null)
        {
            var rendered = new Table().AddColumns([.. table.Headers]);
            foreach (var row in table.Rows)
            {
                rendered.AddRow(row);
            }

            _terminal.Write(rendered);
            return;
        }

        _plain.WriteLine(string.Join('\t', table.Headers.Select(Cell)));
        foreach (var row in table.Rows)
        {
            _plain.WriteLine(string.Join('\t', row.Select(c => Cell(Markup.Remove(c)))));
        }
    }

    // A tab or line break inside a value would split a row or a line: it becomes a space.
    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ');

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
