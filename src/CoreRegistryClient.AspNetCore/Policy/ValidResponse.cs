using CoreRegistryClient.AspNetCore.Validation;
using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.AspNetCore.Policy;

/// <summary>What a valid request gets, shared by every valid request of one endpoint until the schema or the mode
/// changes: the result header's value and the (immutable) validation feature.</summary>
internal sealed class ValidResponse(string header, SchemaValidationFeature feature)
{
    public string Header { get; } = header;

    public SchemaValidationFeature Feature { get; } = feature;

    /// <summary>Same compiled schema (by reference: a reload compiles a new one), same mode, same canary slice.</summary>
    public bool Matches(in SchemaValidationOutcome outcome, EnforcementMode mode, bool canary) =>
        Feature.Mode == mode && Feature.IsCanary == canary && Feature.Outcome.Equals(outcome);
}
