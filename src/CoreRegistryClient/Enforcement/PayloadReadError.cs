namespace CoreRegistryClient.Enforcement;

/// <summary>Why a payload could not be read as JSON at all (as opposed to being read and not matching its
/// schema). HTTP hosts answer these with 400 rather than 422.</summary>
public enum PayloadReadError
{
    /// <summary>The payload was read (it may still be invalid against its schema).</summary>
    None = 0,
    /// <summary>Not well-formed JSON: a syntax error, a truncated document, trailing data, or no document at all.</summary>
    MalformedJson = 1,
    /// <summary>The bytes are not valid UTF-8.</summary>
    InvalidUtf8 = 2,
    /// <summary>The document nests deeper than the engine's limit (128 levels).</summary>
    TooDeep = 3,
}
