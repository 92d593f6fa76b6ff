namespace CoreRegistryClient.Enforcement;

/// <summary>What to do with a payload whose schema was never seen while the registry is unreachable.</summary>
public enum UnavailableSchemaBehavior
{
    /// <summary>Fail open: count, log and treat the payload as valid (the default: the registry being down must not take the service down).</summary>
    Allow,
    /// <summary>Fail closed: treat the payload as invalid (rejected in strict mode).</summary>
    Reject,
}
