using System.Globalization;
using System.Text;

namespace CoreRegistryClient.Cli.DriftCheck;

/// <summary>A file in the Prometheus text exposition format, as node-exporter's textfile collector reads it (and a
/// Pushgateway accepts). Counters carry on from the file's previous content, so a textfile that outlives each CI
/// run stays monotonic; gauges are replaced series by series; series this run does not touch are kept.</summary>
internal sealed class PrometheusTextFile
{
    private readonly SortedDictionary<string, Family> _families = new(StringComparer.Ordinal);

    /// <summary>Reads a file written before (or by another tool in the same format); a missing file is empty.
    /// Lines that are not samples, HELP or TYPE are skipped.</summary>
    public static PrometheusTextFile Read(string path)
    {
        var file = new PrometheusTextFile();
        if (!File.Exists(path))
        {
            return file;
        }

        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var rest = line[7..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                var name = space < 0 ? rest : rest[..space];
                var text = space < 0 ? "" : rest[(space + 1)..];
                var family = file.FamilyOf(name);
                if (line[2] == 'H')
                {
                    family.Help = text;
                }
                else
                {
                    family.Type = text;
                }
            }
            else if (TryParseSample(line, out var name, out var labels, out var value))
            {
                file.FamilyOf(name).Series[labels] = value;
            }
        }

        return file;
    }

    /// <summary>Adds <paramref name="delta"/> to a counter series (named with its <c>_total</c> suffix).</summary>
    public void AddCounter(string name, string? help, string labels, double delta)
    {
        var family = Declare(name, help, "counter");
        family.Series[labels] = family.Series.GetValueOrDefault(labels) + delta;
    }

    /// <summary>Sets a gauge series.</summary>
    public void SetGauge(string name, string? help, string labels, double value) => Declare(name, help, "gauge").Series[labels] = value;

    /// <summary>Labels in the exposition format, <c>{a="x",b="y"}</c>, values escaped; sorted by name.</summary>
    public static string Labels(IEnumerable<(string Key, string Value)> labels)
    {
        var parts = labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{Escape(l.Value)}\"").ToList();
        return parts.Count == 0 ? "" : "{" + string.Join(',', parts) + "}";
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var (name, family) in _families)
        {
            if (family.Help is not null)
            {
                text.Append("# HELP ").Append(name).Append(' ').Append(family.Help).Append('\n');
            }

            if (family.Type is not null)
            {
                text.Append("# TYPE ").Append(name).Append(' ').Append(family.Type).Append('\n');
            }

            foreach (var (labels, value) in family.Series)
            {
                text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }

    private Family Declare(string name, string? help, string type)
    {
        var family = FamilyOf(name);
        family.Type = type;
        if (help is not null)
        {
            family.Help = help.ReplaceLineEndings(" ").Replace("\\", "\\\\", StringComparison.Ordinal);
        }

        return family;
    }

    private Family FamilyOf(string name)
    {
        if (!_families.TryGetValue(name, out var family))
        {
            family = new Family();
            _families.Add(name, family);
        }

        return family;
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Parses <c>name{labels} value [timestamp]</c>; the labels are kept as written (this class writes them
    /// sorted and escaped, so the same series reads back to the same key).</summary>
    private static bool TryParseSample(string line, out string name, out string labels, out double value)
    {
        name = labels = "";
        value = 0;
        if (line.Length == 0 || line[0] == '#')
        {
            return false;
        }

        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':'))
        {
            i++;
        }

        if (i == 0)
        {
            return false;
        }

        name = line[..i];
        var labelStart = i;
        if (i < line.Length && line[i] == '{')
        {
            var quoted = false;
            for (i++; i < line.Length; i++)
            {
                if (quoted && line[i] == '\\')
                {
                    i++;
                }
                else if (line[i] == '"')
                {
                    quoted = !quoted;
                }
                else if (!quoted && line[i] == '}')
                {
                    break;
                }
            }

            if (i >= line.Length)
            {
                return false;
            }

            i++;
        }

        labels = line[labelStart..i];
        var fields = line[i..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length is 1 or 2 && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private sealed class Family
    {
        public string? Help { get; set; }

        public string? Type { get; set; }

        public SortedDictionary<string, double> Series { get; } = new(StringComparer.Ordinal);
    }
}
