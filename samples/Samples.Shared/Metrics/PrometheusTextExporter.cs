using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace CoreRegistryClient.Samples.Metrics;

/// <summary>
/// A pull-only OpenTelemetry metric exporter that renders Prometheus text format 0.0.4 on demand.
/// </summary>
/// <remarks>
/// <para>Why it exists: <c>OpenTelemetry.Exporter.Prometheus.AspNetCore</c> is not available in this
/// project's package mirror. This is the smallest replacement: the OpenTelemetry SDK's
/// <see cref="MetricReader"/> does all aggregation (cumulative temporality); this class only renders what the
/// reader collects when a scrape asks for it (<see cref="IPullMetricExporter"/>, the same hook the official
/// exporter uses), so nothing is computed between scrapes.</para>
/// <para>To use the official exporter instead, replace <c>AddPrometheusTextExporter()</c> with
/// <c>AddPrometheusExporter()</c> and <c>MapSchemaMetrics()</c> with <c>MapPrometheusScrapingEndpoint()</c>;
/// series names are the same (see <see cref="PrometheusNames"/>). Differences: no <c>otel_scope_*</c>
/// labels, no <c>target_info</c>, no timestamps, no OpenMetrics negotiation, no response caching.</para>
/// </remarks>
[ExportModes(ExportModes.Pull)]
public sealed class PrometheusTextExporter : BaseExporter<Metric>, IPullMetricExporter
{
    /// <summary>The content type of the rendered text.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly Lock _scrapeLock = new();
    private string? _rendered;

    /// <inheritdoc />
    /// <remarks>Set by the <see cref="BaseExportingMetricReader"/> this exporter is attached to.</remarks>
    public Func<int, bool>? Collect { get; set; }

    /// <summary>Collects current values from the MeterProvider and renders them.</summary>
    /// <exception cref="InvalidOperationException">The exporter is not attached to a built MeterProvider.</exception>
    /// <exception cref="TimeoutException">Collection did not finish within <paramref name="timeout"/>.</exception>
    public string Scrape(TimeSpan timeout)
    {
        var collect = Collect ?? throw new InvalidOperationException("The Prometheus text exporter is not attached to a MeterProvider; add it with AddPrometheusTextExporter() or AddSchemaMetrics().");

        // The reader calls Export on this thread during Collect; one scrape at a time keeps _rendered its own.
        lock (_scrapeLock)
        {
            _rendered = null;
            if (!collect((int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue)))
            {
                throw new TimeoutException($"Metric collection did not finish within {timeout.TotalSeconds:0.###} s (or the MeterProvider was disposed).");
            }

            return _rendered ?? string.Empty;
        }
    }

    /// <summary>Like <see cref="Scrape(TimeSpan)"/>, UTF-8 encoded.</summary>
    public byte[] ScrapeUtf8(TimeSpan timeout) => Encoding.UTF8.GetBytes(Scrape(timeout));

    /// <inheritdoc />
    public override ExportResult Export(in Batch<Metric> batch)
    {
        var metrics = new List<Metric>();
        foreach (var metric in batch)
        {
            metrics.Add(metric);
        }

        _rendered = PrometheusTextWriter.Write(metrics);
        return ExportResult.Success;
    }
}
