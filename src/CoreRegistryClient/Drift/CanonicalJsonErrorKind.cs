namespace CoreRegistryClient.Drift;

/// <summary>Why a document could not be canonicalised.</summary>
public enum CanonicalJsonErrorKind
{
    /// <summary>The input is not well-formed JSON or not valid UTF-8.</summary>
    MalformedJson,
    /// <summary>A string holds an unpaired UTF-16 surrogate (not representable in RFC 8785).</summary>
    LoneSurrogate,
    /// <summary>A number overflows to infinity (RFC 8785 allows finite numbers only).</summary>
    NonFiniteNumber,
    /// <summary>An object has the same member name twice (RFC 8785 requires unique names).</summary>
    DuplicateKey,
    /// <summary>The document nests deeper than the canonicaliser allows.</summary>
    TooDeep,
}
