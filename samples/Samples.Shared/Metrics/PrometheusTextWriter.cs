using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace CoreRegistryClient.Samples.Metrics;

/// <summary>
/// Renders aggregated OpenTelemetry metrics as Prometheus text exposition format 0.0.4.
/// </summary>
/// <remarks>
/// Mapping: monotonic sums → <c>counter</c> (name ends in <c>_total</c>); gauges and up/down counters →
/// <c>gauge</c>; explicit-bucket histograms → <c>histogram</c> with cumulative <c>_bucket{le}</c> series
/// ending in <c>le="+Inf"</c>, then <c>_sum</c> and <c>_count</c>. Exponential histograms have no 0.0.4
/// form and are left out. Samples carry no timestamps (Prometheus stamps them at scrape time) and no
/// <c>otel_scope_*</c> labels. Labels are sorted by name so the output is stable; tags whose names
/// collide after sanitising are joined with <c>;</c> as the OTel spec asks.
/// </remarks>
internal static class PrometheusTextWriter
{
    public static string Write(IEnumerable<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);

        // Every sample of a family must follow its one TYPE line, so families are collected first:
        // two instruments (say, from two meters) that map to the same name share the family.
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var order = new List<Family>();
        foreach (var metric in metrics)
        {
            var type = PrometheusType(metric.MetricType);
            if (type is null)
            {
                continue;
            }

            var name = PrometheusNames.MetricName(metric.Name, metric.Unit, type == "counter");
            if (!families.TryGetValue(name, out var family))
            {
                family = new Family(name, type, metric.Description);
                families[name] = family;
                order.Add(family);
            }
            else if (family.Type != type)
            {
                // Same name, different kind: Prometheus would reject the whole scrape; keep the first.
                continue;
            }

            WriteSamples(family, metric);
        }

        var output = new StringBuilder();
        foreach (var family in order)
        {
            if (family.Samples.Length == 0)
            {
                continue;
            }

            if (!string.IsNullOrEmpty(family.Help))
            {
                output.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            }

            output.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
            output.Append(family.Samples);
        }

        return output.ToString();
    }

    internal static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string FormatDouble(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal),
    };

    private static string? PrometheusType(MetricType type) => type switch
    {
        MetricType.LongSum or MetricType.DoubleSum => "counter",
        MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic => "gauge",
        MetricType.LongGauge or MetricType.DoubleGauge => "gauge",
        MetricType.Histogram => "histogram",
        _ => null,
    };

    private static void WriteSamples(Family family, Metric metric)
    {
        var samples = family.Samples;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var labels = Labels(point.Tags);
            switch (metric.MetricType)
            {
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    Sample(samples, family.Name, labels, null, point.GetSumLong().ToString(CultureInfo.InvariantCulture));
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    Sample(samples, family.Name, labels, null, FormatDouble(point.GetSumDouble()));
                    break;
                case MetricType.LongGauge:
                    Sample(samples, family.Name, labels, null, point.GetGaugeLastValueLong().ToString(CultureInfo.InvariantCulture));
                    break;
                case MetricType.DoubleGauge:
                    Sample(samples, family.Name, labels, null, FormatDouble(point.GetGaugeLastValueDouble()));
                    break;
                case MetricType.Histogram:
                    WriteHistogram(samples, family.Name, labels, point);
                    break;
            }
        }
    }

    private static void WriteHistogram(StringBuilder samples, string name, SortedDictionary<string, string> labels, in MetricPoint point)
    {
        var count = point.GetHistogramCount();
        long cumulative = 0;
        var wroteInf = false;
        foreach (var bucket in point.GetHistogramBuckets())
        {
            cumulative += bucket.BucketCount;
            var infinite = double.IsPositiveInfinity(bucket.ExplicitBound);
            Sample(samples, name + "_bucket", labels, FormatDouble(bucket.ExplicitBound), cumulative.ToString(CultureInfo.InvariantCulture));
            wroteInf |= infinite;
        }

        if (!wroteInf)
        {
            // A histogram configured without boundaries still has a total; Prometheus requires the +Inf bucket.
            Sample(samples, name + "_bucket", labels, "+Inf", count.ToString(CultureInfo.InvariantCulture));
        }

        Sample(samples, name + "_sum", labels, null, FormatDouble(point.GetHistogramSum()));
        Sample(samples, name + "_count", labels, null, count.ToString(CultureInfo.InvariantCulture));
    }

    private static SortedDictionary<string, string> Labels(ReadOnlyTagCollection tags)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var originalKeys = new SortedDictionary<string, List<(string Key, string Value)>>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var name = PrometheusNames.SanitizeLabelName(tag.Key);
            if (!originalKeys.TryGetValue(name, out var list))
            {
                list = [];
                originalKeys[name] = list;
            }

            list.Add((tag.Key, LabelValue(tag.Value)));
        }

        foreach (var (name, values) in originalKeys)
        {
            labels[name] = string.Join(';', values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Value));
        }

        return labels;
    }

    private static string LabelValue(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => FormatDouble(number),
        float number => FormatDouble(number),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static void Sample(StringBuilder output, string name, SortedDictionary<string, string> labels, string? le, string value)
    {
        output.Append(name);
        if (labels.Count > 0 || le is not null)
        {
            output.Append('{');
            var first = true;
            foreach (var (label, labelValue) in labels)
            {
                if (!first)
                {
                    output.Append(',');
                }

                output.Append(label).Append("=\"").Append(EscapeLabelValue(labelValue)).Append('"');
                first = false;
            }

            if (le is not null)
            {
                output.Append(first ? string.Empty : ",").Append("le=\"").Append(le).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(value).Append('\n');
    }

    private sealed class Family(string name, string type, string? help)
    {
        public string Name { get; } = name;

        public string Type { get; } = type;

        public string? Help { get; } = help;

        public StringBuilder Samples { get; } = new();
    }
}
