namespace CoreRegistryClient.Enforcement;

/// <summary>How a payload's validation ended.</summary>
public enum SchemaValidationStatus
{
    /// <summary>Validated and valid.</summary>
    Valid,
    /// <summary>Validated and invalid (including malformed JSON or invalid UTF-8).</summary>
    Invalid,
    /// <summary>Not validated: enforcement is off or disabled for this message.</summary>
    Skipped,
    /// <summary>The schema is unavailable and <see cref="UnavailableSchemaBehavior.Allow"/> let the payload through as valid.</summary>
    FailedOpen,
    /// <summary>The schema is unavailable and <see cref="UnavailableSchemaBehavior.Reject"/> treated the payload as invalid.</summary>
    Unavailable,
}
