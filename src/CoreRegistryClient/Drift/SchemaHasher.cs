using System.Security.Cryptography;
using System.Text.Json;

namespace CoreRegistryClient.Drift;

/// <summary>Key-order-invariant SHA-256 of a schema: the hash of its canonical form, as lowercase hex.</summary>
/// <remarks>The canonical bytes stream into the hash a pooled chunk at a time; no string of the whole document is built.</remarks>
public static class SchemaHasher
{
    /// <summary>The SHA-256 (lowercase hex) of the canonical form of <paramref name="schema"/>.</summary>
    /// <exception cref="CanonicalJsonException">The schema cannot be canonicalised in that form.</exception>
    public static string ComputeSha256(JsonElement schema, CanonicalForm form = CanonicalForm.Jcs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var writer = CanonicalJsonWriter.ToHash(form, hash))
        {
            writer.Write(schema);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>The SHA-256 (lowercase hex) of the canonical form of the UTF-8 JSON document <paramref name="utf8Json"/>.</summary>
    /// <exception cref="CanonicalJsonException">The input is not JSON (or not UTF-8), or cannot be canonicalised in that form.</exception>
    public static string ComputeSha256(ReadOnlyMemory<byte> utf8Json, CanonicalForm form = CanonicalForm.Jcs)
    {
        using var document = CanonicalJson.Parse(utf8Json);
        return ComputeSha256(document.RootElement, form);
    }
}
