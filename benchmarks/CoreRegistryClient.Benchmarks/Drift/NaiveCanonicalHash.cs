using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoreRegistryClient.Benchmarks.Drift;

/// <summary>The approach the streaming hasher replaces: rebuild the tree with sorted keys, serialise it to one
/// string, hash its UTF-8 bytes. (Not RFC 8785 exact; a cost reference only.)</summary>
internal static class NaiveCanonicalHash
{
    public static string Compute(byte[] json)
    {
        var sorted = Sort(JsonNode.Parse(json));
        var text = sorted?.ToJsonString() ?? "null";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sort)]),
        JsonValue value => JsonValue.Create(value.GetValue<JsonElement>()),
        _ => null,
    };
}
