using System.Text;
using CoreRegistryClient.Drift;

namespace CoreRegistryClient.Cli.DriftCheck;

/// <summary>Writes the drift metrics of one <c>drift</c> run — the SDK's own instruments, as its Prometheus exporter
/// names them (<c>schema_drift_total{repo,track,schema}</c>, <c>schema_drift_last_detected_timestamp</c>) — plus two
/// gauges about the run itself, to a Prometheus text file: for node-exporter's textfile collector on a self-hosted
/// runner, or <c>curl --data-binary @file</c> to a Pushgateway from a hosted one.</summary>
internal static class DriftMetricsFile
{
    public const string LastRunMetric = "schema_drift_check_last_run_timestamp";
    public const string RegistryAvailableMetric = "schema_drift_check_registry_available";

    public static void Write(string path, DriftReport report, string repository, IEnumerable<RecordedSeries> recorded)
    {
        var file = PrometheusTextFile.Read(path);
        foreach (var series in recorded)
        {
            var labels = PrometheusTextFile.Labels(series.Labels);
            if (series.IsCounter)
            {
                file.AddCounter(series.Instrument + "_total", series.Description, labels, series.Value);
            }
            else
            {
                file.SetGauge(series.Instrument, series.Description, labels, series.Value);
            }
        }

        var run = PrometheusTextFile.Labels([("repo", repository), ("track", report.Track)]);
        file.SetGauge(LastRunMetric, "When core-registry drift last ran for the repo and track (unix seconds).", run, report.GeneratedAt.ToUnixTimeSeconds());
        file.SetGauge(RegistryAvailableMetric, "1 when the last core-registry drift run could read the registry's index, else 0.", run, report.RegistryAvailable ? 1 : 0);
        DriftJson.WriteAtomically(path, Encoding.UTF8.GetBytes(file.Render()));
    }
}
