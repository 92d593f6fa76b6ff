using System.Text;

namespace CoreRegistryClient.Samples.Metrics;

/// <summary>
/// Turns OpenTelemetry instrument names and units into Prometheus names the way the OpenTelemetry
/// Prometheus exporter does (OTel spec "Prometheus and OpenMetrics compatibility"), so that swapping in the
/// official exporter does not rename any series: invalid characters become <c>_</c> (runs collapsed), the
/// unit becomes a suffix (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>, <c>By/s</c> →
/// <c>_bytes_per_second</c>; <c>1</c> and <c>{annotations}</c> add nothing) unless the name already ends
/// with it, and monotonic counters end in <c>_total</c> exactly once.
/// </summary>
internal static class PrometheusNames
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["TiBy"] = "tibibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["TBy"] = "terabytes",
        ["m"] = "meters",
        ["V"] = "volts",
        ["A"] = "amperes",
        ["J"] = "joules",
        ["W"] = "watts",
        ["g"] = "grams",
        ["Cel"] = "celsius",
        ["Hz"] = "hertz",
        ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> PerUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second",
        ["m"] = "minute",
        ["h"] = "hour",
        ["d"] = "day",
        ["w"] = "week",
        ["mo"] = "month",
        ["y"] = "year",
    };

    /// <summary>The Prometheus family name for an instrument.</summary>
    public static string MetricName(string instrumentName, string? unit, bool isCounter)
    {
        var name = SanitizeMetricName(instrumentName);
        var hadTotal = false;
        if (isCounter && name.EndsWith("_total", StringComparison.Ordinal) && name.Length > "_total".Length)
        {
            name = name[..^"_total".Length];
            hadTotal = true;
        }

        var suffix = UnitSuffix(unit);
        if (suffix is not null && !name.EndsWith("_" + suffix, StringComparison.Ordinal) && name != suffix)
        {
            name = name + "_" + suffix;
        }

        return isCounter || hadTotal ? name + "_total" : name;
    }

    /// <summary>Metric names match <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>: anything else becomes <c>_</c> (runs
    /// collapsed), and a leading digit gets a <c>_</c> in front.</summary>
    public static string SanitizeMetricName(string name) => Sanitize(name, allowColon: true);

    /// <summary>Label names match <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static string SanitizeLabelName(string name) => Sanitize(name, allowColon: false);

    /// <summary>The name suffix for a UCUM unit, or null when the unit adds none.</summary>
    public static string? UnitSuffix(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return null;
        }

        // "{request}" and "By{compressed}": curly-brace annotations are comments, not units.
        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        var bare = builder.ToString().Trim();
        if (bare.Length == 0 || bare == "1")
        {
            return null;
        }

        string mapped;
        var slash = bare.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var numerator = bare[..slash];
            var denominator = bare[(slash + 1)..];
            var per = PerUnits.GetValueOrDefault(denominator, denominator);
            mapped = numerator.Length == 0 || numerator == "1"
                ? "per_" + per
                : Units.GetValueOrDefault(numerator, numerator) + "_per_" + per;
        }
        else
        {
            mapped = Units.GetValueOrDefault(bare, bare);
        }

        var sanitized = Sanitize(mapped, allowColon: false).Trim('_');
        return sanitized.Length == 0 ? null : sanitized;
    }

    private static string Sanitize(string name, bool allowColon)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var builder = new StringBuilder(name.Length + 1);
        if (name[0] is >= '0' and <= '9')
        {
            builder.Append('_');
        }

        foreach (var c in name)
        {
            var valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') || (allowColon && c == ':');
            if (valid)
            {
                builder.Append(c);
            }
            else if (builder.Length == 0 || builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString();
    }
}
