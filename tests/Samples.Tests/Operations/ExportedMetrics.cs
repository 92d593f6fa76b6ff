namespace CoreRegistryClient.Samples.Tests.Operations;

/// <summary>The Prometheus metric families the SDK and the samples export. The operations kit (alert rules,
/// dashboard, Kubernetes manifests) may reference only these.</summary>
/// <remarks>For now this is the list the issues define; it is meant to be checked against a scrape of the
/// running pipeline and store samples once they exist.</remarks>
internal static class ExportedMetrics
{
    public static readonly IReadOnlySet<string> Counters = new HashSet<string>(StringComparer.Ordinal)
    {
        "schema_validation_total",
        "schema_validation_failures_total",
        "schema_enforcement_actions_total",
        "schema_cache_hits_total",
        "schema_cache_misses_total",
        "schema_registry_errors_total",
        "schema_log_records_suppressed_total",
        "schema_drift_total",
        "schema_http_validation_total",
        "schema_http_validation_errors_total",
        "schema_http_warn_headers_total",
    };

    public static readonly IReadOnlySet<string> Gauges = new HashSet<string>(StringComparer.Ordinal)
    {
        "schema_cache_size",
        "schema_drift_last_detected_timestamp",
        "pipeline_feedback_queue_depth",
        "pipeline_backpressure_state",
        "pipeline_rate_scale_factor",
        "pipeline_dead_letter_queue_depth",
    };

    public static readonly IReadOnlySet<string> Histograms = new HashSet<string>(StringComparer.Ordinal)
    {
        "schema_validation_duration_seconds",
        "schema_registry_request_duration_seconds",
        "schema_http_validation_duration_seconds",
    };

    /// <summary>Series other exporters provide that the kit may reference: kube-state-metrics' pod inventory (the
    /// dashboard's "Active Pods").</summary>
    public static readonly IReadOnlySet<string> External = new HashSet<string>(StringComparer.Ordinal) { "kube_pod_info" };

    /// <summary>True if <paramref name="series"/> is a series name one of the families produces
    /// (a histogram produces <c>_bucket</c>, <c>_sum</c> and <c>_count</c>).</summary>
    public static bool IsExportedSeries(string series)
    {
        if (Counters.Contains(series) || Gauges.Contains(series) || External.Contains(series))
        {
            return true;
        }

        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (series.EndsWith(suffix, StringComparison.Ordinal) && Histograms.Contains(series[..^suffix.Length]))
            {
                return true;
            }
        }

        return false;
    }
}
