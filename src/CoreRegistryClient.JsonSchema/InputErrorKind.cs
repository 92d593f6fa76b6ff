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
    /// <summary>The instance nests deeper than <see cref="JsonSchemaOptions.MaxDepth"/> (or, with that limit raised,
    /// deeper than the validating thread's stack can evaluate).</summary>
    DepthExceeded,
    /// <summary>Evaluation nested more references than <see cref="JsonSchemaOptions.MaxReferenceDepth"/> allows (or
    /// than the validating thread's stack can hold): a limit, not a verdict on the instance.</summary>
    ReferenceDepthExceeded,
}
