namespace CoreRegistryClient.Cli.Output;

/// <summary>Rows for people: a bordered table on a terminal, tab-separated lines in a pipe or file. Cells are
/// Spectre markup (escape what comes from outside with <c>Markup.Escape</c>).</summary>
internal sealed class OutputTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public IReadOnlyList<string> Headers { get; } = headers;

    public IReadOnlyList<string[]> Rows => _rows;

    public OutputTable AddRow(params string[] cells)
    {
        if (cells.Length != Headers.Count)
        {
            throw new ArgumentException($"A row has {Headers.Count} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }
}
