namespace CoreRegistryClient.Drift;

/// <summary>How a schema is serialised before it is hashed.</summary>
public enum CanonicalForm
{
    /// <summary>RFC 8785 JSON Canonicalization Scheme (keys sorted by UTF-16 code units, ECMAScript number
    /// formatting, minimal escaping, UTF-8). The default.</summary>
    Jcs,

    /// <summary>Byte-compatible with Python's <c>json.dumps(obj, sort_keys=True)</c> under its defaults
    /// (<c>", "</c>/<c>": "</c> separators, <c>ensure_ascii</c>, Python float repr, keys sorted by code point),
    /// so hashes match those computed by the existing Python services.</summary>
    Python,
}
