using System.Text.Json;

namespace CoreRegistryClient.Drift;

/// <summary>Reads and writes <c>drift_report.json</c>.</summary>
public static class DriftReportJson
{
    /// <summary>The report as indented UTF-8 JSON (snake_case fields and status values).</summary>
    public static byte[] Serialize(DriftReport report) => JsonSerializer.SerializeToUtf8Bytes(report, DriftJson.Options);

    /// <summary>Writes the report to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void Write(DriftReport report, string path) => DriftJson.WriteAtomically(path, Serialize(report));

    /// <summary>Reads a report written by <see cref="Serialize"/>.</summary>
    /// <exception cref="JsonException">The bytes are not a drift report.</exception>
    public static DriftReport Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<DriftReport>(utf8Json, DriftJson.Options) ?? throw new JsonException("The drift report is null.");
}
