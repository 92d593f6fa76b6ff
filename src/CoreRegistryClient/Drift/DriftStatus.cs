namespace CoreRegistryClient.Drift;

/// <summary>How a local schema copy compares with the registry. Serialised in snake_case (<c>missing_in_registry</c>).</summary>
public enum DriftStatus
{
    /// <summary>Same canonical content (and, when both are known, the same version label).</summary>
    Synced,
    /// <summary>The content differs.</summary>
    Drift,
    /// <summary>Same content, different version label.</summary>
    VersionMismatch,
    /// <summary>The local copy has no counterpart in the registry's track.</summary>
    MissingInRegistry,
    /// <summary>The registry's track holds the schema but there is no local copy (not drift unless asked).</summary>
    MissingLocally,
    /// <summary>The registry could not be reached for this schema: nothing is known.</summary>
    Unknown,
}
