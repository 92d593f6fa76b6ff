namespace CoreRegistryClient.Enforcement;

/// <summary>What happens to a payload that does not match its schema.</summary>
public enum EnforcementMode
{
    /// <summary>No validation at all, zero cost.</summary>
    Off,
    /// <summary>Validate, log and count failures, return an invalid result; the caller carries on.</summary>
    Warn,
    /// <summary>Validate and throw <c>SchemaValidationException</c> on failure (<c>enforce</c> is accepted as another name).</summary>
    Strict,
}
