using System.Text.Json;
using CoreRegistryClient.Drift;

namespace CoreRegistryClient.Caching;

/// <summary>Checks a registry copy against the <c>sha256</c> the registry reported for it.</summary>
/// <remarks>The registry hashes <c>json.dumps(content, sort_keys=True)</c> (the <see cref="CanonicalForm.Python"/>
/// form the drift reporter also computes); a registry that hashes RFC 8785 (<see cref="CanonicalForm.Jcs"/>) is
/// accepted too. Either way key order and whitespace in transit do not matter, and a copy whose hash matches neither
/// form is not the schema the registry says it is.</remarks>
internal static class SchemaContentHash
{
    public static bool Matches(JsonElement content, string sha256)
    {
        try
        {
            return string.Equals(SchemaHasher.ComputeSha256(content, CanonicalForm.Python), sha256, StringComparison.OrdinalIgnoreCase)
                || string.Equals(SchemaHasher.ComputeSha256(content, CanonicalForm.Jcs), sha256, StringComparison.OrdinalIgnoreCase);
        }
        catch (CanonicalJsonException)
        {
            // Content that cannot be canonicalised (too deep, a lone surrogate under JCS) cannot be verified either.
            return false;
        }
    }
}
