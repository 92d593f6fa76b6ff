namespace CoreRegistryClient.Enforcement;

/// <summary>How a payload's validation ended.</summary>
/// <remarks><see cref="Skipped"/> is zero, so a default outcome never claims that a payload was validated.</remarks>
public enum SchemaValidationStatus
{
    /// <summary>Not validated: enforcement is off or disabled for this message.</summary>
    Skipped = 0,
    /// <summary>Validated and valid.</summary>
    Valid = 1,
    /// <summary>Validated and invalid (including malformed JSON or invalid UTF-8).</summary>
    Invalid = 2,
    /// <summary>The schema is unavailable and <see cref="UnavailableSchemaBehavior.Allow"/> let the payload through as valid.</summary>
    FailedOpen = 3,
    /// <summary>The schema is unavailable and <see cref="UnavailableSchemaBehavior.Reject"/> treated the payload as invalid.</summary>
    Unavailable = 4,
    /// <summary>The registry answered that the schema does not exist (a misspelt or unknown name): the payload is
    /// invalid whatever <see cref="UnavailableSchemaBehavior"/> says, which governs outages only.</summary>
    SchemaNotFound = 5,
}
