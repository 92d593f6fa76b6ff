using System.Text.Json;

namespace CoreRegistryClient.Drift;

/// <summary>One member of an object being canonicalised: where its decoded name sits in a shared char buffer.</summary>
internal struct CanonicalMember
{
    public int NameStart;
    public int NameLength;
    public int Position;
    public JsonProperty Property;
}
