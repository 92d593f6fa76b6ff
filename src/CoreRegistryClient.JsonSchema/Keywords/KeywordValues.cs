using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>Reads keyword values from schema JSON, refusing malformed ones with the keyword's location.</summary>
internal static class KeywordValues
{
    public static string String(JsonElement value, Keyword keyword)
        => value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid(keyword, "must be a string");

    /// <summary>A non-negative integer (2.0 is accepted as 2; huge values saturate).</summary>
    public static long Count(JsonElement value, Keyword keyword)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw Invalid(keyword, "must be a non-negative integer");
        }

        if (value.TryGetInt64(out var n))
        {
            return n >= 0 ? n : throw Invalid(keyword, "must be a non-negative integer");
        }

        var d = value.GetDouble();
        if (d < 0 || Math.Floor(d) != d)
        {
            throw Invalid(keyword, "must be a non-negative integer");
        }

        return d >= long.MaxValue ? long.MaxValue : (long)d;
    }

    public static bool Boolean(JsonElement value, Keyword keyword)
        => value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(keyword, "must be a boolean"),
        };

    public static List<string> StringArray(JsonElement value, Keyword keyword)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(keyword, "must be an array of strings");
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid(keyword, "must be an array of strings"));
        }

        return list;
    }

    public static InvalidSchemaException Invalid(Keyword keyword, string problem)
        => new($"The value of '{keyword.Name}' {problem}.", keyword.AbsoluteLocation);
}
