using System.Text;

namespace CoreRegistryClient.AspNetCore.Tests.TestSupport;

/// <summary>The schema the package tests validate against, and bodies for it.</summary>
internal static class Schemas
{
    public const string Order = "orders.OrderPlaced";

    public const string OrderSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["order_id", "quantity", "side"],
          "additionalProperties": false,
          "properties": {
            "order_id": { "type": "string" },
            "quantity": { "type": "integer", "minimum": 1 },
            "side": { "enum": ["buy", "sell"] },
            "note": { "type": "string", "maxLength": 10 },
            "legs": { "type": "array", "items": { "type": "object", "properties": { "qty": { "type": "integer", "minimum": 1 } } } }
          }
        }
        """;

    public const string SecretValue = "SECRET-7731";

    public const string Valid = """{"order_id":"A-1","quantity":5,"side":"buy"}""";

    /// <summary>Two errors; one of them at a value a client would not want echoed.</summary>
    public const string Invalid = """{"order_id":"A-1","quantity":0,"side":"SECRET-7731"}""";

    /// <summary>A body with exactly <paramref name="errors"/> errors (each a leg with quantity 0).</summary>
    public static string WithErrors(int errors) =>
        """{"order_id":"A-1","quantity":1,"side":"buy","legs":[""" + string.Join(",", Enumerable.Repeat("""{"qty":0}""", errors)) + "]}";

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
