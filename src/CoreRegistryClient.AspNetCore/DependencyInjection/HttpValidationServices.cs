namespace CoreRegistryClient.AspNetCore;

/// <summary>The error for an endpoint that validates in an app that never registered validation.</summary>
internal static class HttpValidationServices
{
    public static InvalidOperationException NotRegistered() => new(
        "Schema validation of requests is not registered: call builder.Services.AddSchemaEnforcement(...).AddHttpValidation().");
}
