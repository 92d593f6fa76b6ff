namespace CoreRegistryClient.JsonSchemaNet;

/// <summary>Error messages by keyword, naming no payload value (JsonSchema.Net's own messages quote them).</summary>
internal static class JsonSchemaNetMessages
{
    private static readonly Dictionary<string, string> s_messages = new(StringComparer.Ordinal)
    {
        ["type"] = "The value is not of the type the schema requires.",
        ["required"] = "A required property is missing.",
        ["enum"] = "The value is not one of the values the schema allows.",
        ["const"] = "The value is not the constant the schema requires.",
        ["minimum"] = "The number is below the minimum.",
        ["maximum"] = "The number is above the maximum.",
        ["exclusiveMinimum"] = "The number is not above the exclusive minimum.",
        ["exclusiveMaximum"] = "The number is not below the exclusive maximum.",
        ["multipleOf"] = "The number is not a multiple of the required divisor.",
        ["minLength"] = "The string is shorter than the minimum length.",
        ["maxLength"] = "The string is longer than the maximum length.",
        ["pattern"] = "The string does not match the required pattern.",
        ["format"] = "The string is not in the required format.",
        ["minItems"] = "The array has fewer items than the minimum.",
        ["maxItems"] = "The array has more items than the maximum.",
        ["uniqueItems"] = "The array has duplicate items.",
        ["contains"] = "The array does not contain the required items.",
        ["minProperties"] = "The object has fewer properties than the minimum.",
        ["maxProperties"] = "The object has more properties than the maximum.",
        ["additionalProperties"] = "The object has a property the schema does not allow.",
        ["unevaluatedProperties"] = "The object has a property no subschema evaluated.",
        ["additionalItems"] = "The array has an item the schema does not allow.",
        ["unevaluatedItems"] = "The array has an item no subschema evaluated.",
        ["dependentRequired"] = "A property that another property requires is missing.",
        ["oneOf"] = "The value does not match exactly one of the alternatives.",
        ["anyOf"] = "The value matches none of the alternatives.",
        ["not"] = "The value matches a schema it must not match.",
        ["false"] = "The schema allows no value here.",
        ["schema"] = "The value does not match the schema here.",
    };

    /// <summary>The message for a failed <paramref name="keyword"/>.</summary>
    public static string For(string keyword) =>
        s_messages.TryGetValue(keyword, out var message) ? message : $"The value does not satisfy the '{keyword}' keyword.";
}
