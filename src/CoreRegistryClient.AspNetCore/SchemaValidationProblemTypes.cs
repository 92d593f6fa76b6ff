namespace CoreRegistryClient.AspNetCore;

/// <summary>The <c>type</c> of each problem response (RFC 9457) HTTP validation writes, for clients to match on.
/// The shapes of the 422 and 400 problems are published as JSON Schemas (package docs and the OpenAPI document).</summary>
public static class SchemaValidationProblemTypes
{
    /// <summary>422: the body is JSON that does not match the endpoint's schema (an empty body included); lists the errors.</summary>
    public const string InvalidBody = "urn:core-registry:problem:request-body-invalid";

    /// <summary>400: the body is not well-formed JSON, not UTF-8, or nested too deeply.</summary>
    public const string MalformedBody = "urn:core-registry:problem:request-body-malformed";

    /// <summary>413: the body is larger than the endpoint's limit.</summary>
    public const string BodyTooLarge = "urn:core-registry:problem:request-body-too-large";

    /// <summary>415: the body is not UTF-8 JSON (<c>application/json</c> or <c>*/*+json</c>).</summary>
    public const string UnsupportedMediaType = "urn:core-registry:problem:unsupported-media-type";

    /// <summary>500: the endpoint names a schema the registry does not have (a server misconfiguration).</summary>
    public const string SchemaNotFound = "urn:core-registry:problem:schema-not-found";

    /// <summary>503: the schema is unavailable (registry outage) and <c>OnUnavailable=Reject</c>.</summary>
    public const string SchemaUnavailable = "urn:core-registry:problem:schema-unavailable";
}
