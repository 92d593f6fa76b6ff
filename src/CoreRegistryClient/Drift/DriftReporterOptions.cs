namespace CoreRegistryClient.Drift;

/// <summary>Options of one drift run.</summary>
public sealed class DriftReporterOptions
{
    /// <summary>The registry track to compare with. Default: the <c>track</c> of the directory's <c>_metadata.json</c>.</summary>
    public string? Track { get; set; }

    /// <summary>The canonical form both sides are hashed with. Default: <see cref="CanonicalForm.Jcs"/>.</summary>
    public CanonicalForm CanonicalForm { get; set; } = CanonicalForm.Jcs;

    /// <summary>The registry URL written into the report. Default: the one in <c>_metadata.json</c>.</summary>
    public string? RegistryUrl { get; set; }

    /// <summary>The <c>repo</c> label of metrics and events (the service holding the copies). Default: empty.</summary>
    public string Repository { get; set; } = "";

    /// <summary>Whether schemas in the registry without a local copy count as drift. Default: false (reported only).</summary>
    public bool MissingLocallyCountsAsDrift { get; set; }

    /// <summary>Whether to ask the registry's <c>GET /compat/check</c> to classify drift when both version labels are
    /// known; the structural diff decides otherwise. Default: true.</summary>
    public bool UseRegistryCompatibilityCheck { get; set; } = true;

    /// <summary>Whether to publish a <see cref="SchemaDriftEvent"/> per drifted schema. Default: false.</summary>
    public bool PublishEvents { get; set; }

    /// <summary>How many schemas are fetched from the registry at once. Default: 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Files in the directory that are not schemas (e.g. the report being written). Default: none.</summary>
    public IList<string> ExcludedFiles { get; } = new List<string>();
}
