using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.AspNetCore.Validation;

/// <summary>Immutable, so one instance serves every request that ends the same way (see <see cref="Off"/> and
/// <see cref="Policy.EndpointRule.Valid"/>).</summary>
internal sealed class SchemaValidationFeature(EnforcementMode mode, bool isCanary, SchemaValidationOutcome outcome) : ISchemaValidationFeature
{
    /// <summary>The feature of every request to an endpoint whose mode is off.</summary>
    public static readonly SchemaValidationFeature Off = new(EnforcementMode.Off, false, default);

    public EnforcementMode Mode { get; } = mode;

    public bool IsCanary { get; } = isCanary;

    public SchemaValidationOutcome Outcome { get; } = outcome;
}
