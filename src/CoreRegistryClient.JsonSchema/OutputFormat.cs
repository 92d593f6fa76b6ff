namespace CoreRegistryClient.JsonSchema;

/// <summary>How much a validation reports.</summary>
public enum OutputFormat
{
    /// <summary>Only whether the instance is valid; stops at the first failure and allocates nothing when valid.</summary>
    Flag,
    /// <summary>Every error, each with its instance and keyword locations.</summary>
    List,
}
