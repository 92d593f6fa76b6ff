namespace CoreRegistryClient.JsonSchema;

/// <summary>Why an instance could not be validated at all.</summary>
public enum InputErrorKind
{
    /// <summary>The instance was read and validated.</summary>
    None,
    /// <summary>The bytes are not well-formed JSON (syntax error, truncated document, trailing data).</summary>
    MalformedJson,
    /// <summary>The bytes are not valid UTF-8.</summary>
    InvalidUtf8,
    /// <summary>The instance nests deeper than <see cref="JsonSchemaOptions.MaxDepth"/>.</summary>
    DepthExceeded,
}
