namespace CoreRegistryClient.Drift;

/// <summary>Options of the scheduled drift monitor added by <c>AddSchemaDriftMonitor</c>.</summary>
/// <remarks>Each run compares every directory in <see cref="SchemaDirectories"/> with the registry (the track comes
/// from the directory's <c>_metadata.json</c>), writes the report to <see cref="ReportDirectory"/>, records
/// <c>schema_drift_total{repo,track,schema}</c> and <c>schema_drift_last_detected_timestamp</c>, publishes a
/// <c>telemetry.schema_drift</c> event per drifted schema (fail-open) and reports through the <c>schema-drift</c>
/// health check. Runs happen at <see cref="DailyAtUtc"/> and/or every <see cref="Interval"/>, whichever comes first.</remarks>
public sealed class SchemaDriftMonitorOptions
{
    /// <summary>The configuration section the options are usually bound from: <c>SchemaDriftMonitor</c>.</summary>
    public const string SectionName = "SchemaDriftMonitor";

    /// <summary>Directories of local schema copies, each with a <c>_metadata.json</c> naming its track. At least one.</summary>
    public IList<string> SchemaDirectories { get; } = new List<string>();

    /// <summary>Where reports are written: <c>drift_report.json</c> when one directory is monitored,
    /// <c>drift_report.&lt;directory name&gt;.json</c> per directory otherwise. Default: the current directory.</summary>
    public string ReportDirectory { get; set; } = ".";

    /// <summary>The time of day (UTC) of the daily run; null for none. Default: 02:00.</summary>
    public TimeOnly? DailyAtUtc { get; set; } = new TimeOnly(2, 0);

    /// <summary>The time between runs (from the end of one to the start of the next); null for none. At least one
    /// second. Default: null (daily only).</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>Whether to run once as soon as the host starts. Default: false.</summary>
    public bool RunOnStart { get; set; }

    /// <summary>The <c>repo</c> label of metrics and events (the service holding the copies). Default: empty.</summary>
    public string Repository { get; set; } = "";

    /// <summary>Whether each drifted schema becomes a <c>telemetry.schema_drift</c> event (through the registered
    /// <see cref="IDriftEventPublisher"/>, or the registry's <c>POST /admin/telemetry</c>). Default: true.</summary>
    public bool PublishEvents { get; set; } = true;

    /// <summary>Whether to ask the registry's <c>GET /compat/check</c> to classify drift. Default: true.</summary>
    public bool UseRegistryCompatibilityCheck { get; set; } = true;
}
