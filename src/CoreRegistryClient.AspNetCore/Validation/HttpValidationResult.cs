namespace CoreRegistryClient.AspNetCore.Validation;

/// <summary>How the validation of one request ended, as headers, metrics and logs name it.</summary>
internal enum HttpValidationResult
{
    /// <summary>The body matches its schema.</summary>
    Valid,
    /// <summary>The body is JSON that does not match its schema (an empty body included): 422 in enforce.</summary>
    Invalid,
    /// <summary>The body is not JSON (malformed, invalid UTF-8, nested too deeply): 400 in enforce.</summary>
    Malformed,
    /// <summary>The body is over the limit: 413 in enforce, not validated in warn.</summary>
    TooLarge,
    /// <summary>The body is not a UTF-8 JSON media type: 415 in enforce, not validated in warn.</summary>
    UnsupportedMediaType,
    /// <summary>The schema is unavailable (registry outage) and OnUnavailable=Allow let the request through.</summary>
    NotValidated,
    /// <summary>The schema is unavailable and OnUnavailable=Reject: 503 in enforce.</summary>
    Unavailable,
    /// <summary>The registry says the schema does not exist: a server misconfiguration, 500 in enforce.</summary>
    SchemaNotFound,
}

/// <summary>The names of each <see cref="HttpValidationResult"/>: one place, so headers, metrics and docs agree.</summary>
internal static class HttpValidationResults
{
    /// <summary>The <c>outcome</c> label of <c>schema_http_validation_total</c>.</summary>
    public static string Label(HttpValidationResult result) => result switch
    {
        HttpValidationResult.Valid => "valid",
        HttpValidationResult.Invalid => "invalid",
        HttpValidationResult.Malformed => "malformed",
        HttpValidationResult.TooLarge => "too_large",
        HttpValidationResult.UnsupportedMediaType => "unsupported_media_type",
        HttpValidationResult.NotValidated => "not_validated",
        HttpValidationResult.Unavailable => "unavailable",
        _ => "schema_not_found",
    };

    /// <summary>The result token of the <c>Schema-Validation</c> header.</summary>
    public static string Token(HttpValidationResult result) => result switch
    {
        HttpValidationResult.Valid => "valid",
        HttpValidationResult.Invalid => "invalid",
        HttpValidationResult.Malformed => "malformed",
        HttpValidationResult.SchemaNotFound => "schema-not-found",
        _ => "not-validated",
    };

    /// <summary>The <c>reason</c> parameter of a <c>not-validated</c> header, or null.</summary>
    public static string? Reason(HttpValidationResult result) => result switch
    {
        HttpValidationResult.TooLarge => "too-large",
        HttpValidationResult.UnsupportedMediaType => "unsupported-media-type",
        HttpValidationResult.NotValidated or HttpValidationResult.Unavailable => "registry-unavailable",
        _ => null,
    };
}
