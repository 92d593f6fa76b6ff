namespace CoreRegistryClient.Drift;

/// <summary>Whether a schema change can reject payloads that the previous schema accepted.</summary>
public enum ChangeClassification
{
    /// <summary>Every payload valid before is still valid (an optional property added, a description changed, a bound widened).</summary>
    Benign,
    /// <summary>Some payload valid before may now be rejected (a required property added, a type narrowed, ...).</summary>
    Breaking,
}
