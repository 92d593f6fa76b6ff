namespace CoreRegistryClient.JsonSchema;

/// <summary>How much a validation reports.</summary>
public enum OutputFormat
{
    /// <summary>Only whether the instance is valid; stops at the first failure and allocates nothing when valid.</summary>
    Flag,
    /// <summary>Every error, each with its instance and keyword locations.</summary>
    List,
    /// <summary>Flag speed and no allocation when the instance is valid; when it is not, every error as
    /// <see cref="List"/> gives them. The instance is parsed once and the regex budget is shared by both passes:
    /// the call for a hot path that needs errors only for invalid payloads.</summary>
    ListIfInvalid,
}
