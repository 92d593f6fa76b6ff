using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.AspNetCore;

/// <summary>The validation of the current request, for handlers that want it (<c>HttpContext.Features.Get&lt;ISchemaValidationFeature&gt;()</c>):
/// in <c>warn</c> mode a handler can see that its body failed and still serve it.</summary>
public interface ISchemaValidationFeature
{
    /// <summary>The mode applied to this request (after the endpoint's override, the canary and the cap).</summary>
    EnforcementMode Mode { get; }

    /// <summary>Whether this request was in the canary slice (validated in <c>enforce</c> instead of <c>warn</c>).</summary>
    bool IsCanary { get; }

    /// <summary>The SDK's outcome; <see cref="SchemaValidationStatus.Skipped"/> when the body was not validated
    /// (mode off, too large or not JSON in warn mode).</summary>
    SchemaValidationOutcome Outcome { get; }
}
