namespace CoreRegistryClient.Drift;

/// <summary>What decided a drifted schema's classification.</summary>
public enum ClassificationSource
{
    /// <summary>The local structural diff of the two schemas.</summary>
    StructuralDiff,
    /// <summary>The registry's <c>GET /compat/check</c> answer.</summary>
    Registry,
}
