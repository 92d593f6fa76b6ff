using CoreRegistryClient.Samples.Metrics;

namespace CoreRegistryClient.Samples.Tests.Metrics;

public class PrometheusNamesTests
{
    [TestCase("s", "seconds")]
    [TestCase("ms", "milliseconds")]
    [TestCase("By", "bytes")]
    [TestCase("KiBy", "kibibytes")]
    [TestCase("By/s", "bytes_per_second")]
    [TestCase("m/s", "meters_per_second")]
    [TestCase("1/s", "per_second")]
    [TestCase("{request}/s", "per_second")]
    [TestCase("%", "percent")]
    [TestCase("By{compressed}", "bytes")]
    [TestCase("widgets", "widgets")]
    public void Unit_maps_to_the_suffix_the_otel_exporter_uses(string unit, string suffix) =>
        Assert.That(PrometheusNames.UnitSuffix(unit), Is.EqualTo(suffix));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("1")]
    [TestCase("{validation}")]
    public void Dimensionless_units_add_no_suffix(string? unit) =>
        Assert.That(PrometheusNames.UnitSuffix(unit), Is.Null);

    [TestCase("schema.validation", "{validation}", true, "schema_validation_total")]
    [TestCase("schema_validation_total", null, true, "schema_validation_total")]
    [TestCase("requests_total", "1", true, "requests_total")]
    [TestCase("pause_total", "s", true, "pause_seconds_total")]
    [TestCase("schema_validation_duration_seconds", "s", false, "schema_validation_duration_seconds")]
    [TestCase("schema.validation.duration", "s", false, "schema_validation_duration_seconds")]
    [TestCase("schema_drift_last_detected_timestamp", null, false, "schema_drift_last_detected_timestamp")]
    [TestCase("payload.size", "By", false, "payload_size_bytes")]
    [TestCase("items_total", null, false, "items_total")]
    public void Metric_name_combines_sanitised_name_unit_and_total(string instrument, string? unit, bool counter, string expected) =>
        Assert.That(PrometheusNames.MetricName(instrument, unit, counter), Is.EqualTo(expected));

    [TestCase("a.b-c/d", "a_b_c_d")]
    [TestCase("a..b", "a_b")]
    [TestCase("ns:metric", "ns:metric")]
    [TestCase("1st", "_1st")]
    [TestCase("héllo", "h_llo")]
    public void Metric_names_keep_only_valid_characters(string name, string expected) =>
        Assert.That(PrometheusNames.SanitizeMetricName(name), Is.EqualTo(expected));

    [TestCase("error.type", "error_type")]
    [TestCase("ns:key", "ns_key")]
    [TestCase("9lives", "_9lives")]
    public void Label_names_keep_only_valid_characters(string name, string expected) =>
        Assert.That(PrometheusNames.SanitizeLabelName(name), Is.EqualTo(expected));
}
