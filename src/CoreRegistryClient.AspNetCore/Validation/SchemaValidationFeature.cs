using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.AspNetCore.Validation;

internal sealed class SchemaValidationFeature(EnforcementMode mode, bool isCanary, SchemaValidationOutcome outcome) : ISchemaValidationFeature
{
    public EnforcementMode Mode { get; } = mode;

    public bool IsCanary { get; } = isCanary;

    public SchemaValidationOutcome Outcome { get; } = outcome;
}
