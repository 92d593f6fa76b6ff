namespace CoreRegistryClient.Cli.Drills;

/// <summary>The go-live drills of the pipeline plan.</summary>
internal enum DrillKind
{
    /// <summary>A benign change (an optional property added) is picked up and golden payloads still pass in strict.</summary>
    Benign,

    /// <summary>A breaking change (a property made required, an enum value removed) is picked up, rejects golden
    /// payloads in strict and only reports them in warn.</summary>
    Breaking,

    /// <summary>The registry goes away after warm-up: cached schemas keep validating (and rejecting), errors are counted,
    /// health turns degraded, and healthy again once the registry answers.</summary>
    Outage,
}
