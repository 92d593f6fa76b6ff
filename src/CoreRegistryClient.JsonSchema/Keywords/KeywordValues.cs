using System.Text.Json;
using CoreRegistryClient.JsonSchema.Compilation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>Reads keyword values from schema JSON, refusing malformed ones with the keyword's location (these
/// only matter when meta-schema validation is off, which would otherwise have caught them).</summary>
internal static class KeywordValues
{
    public static string String(JsonElement value, SchemaNode owner, string name)
        => value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid(owner, name, "must be a string");

    public static string String(JsonElement value, Keyword keyword) => String(value, keyword.Owner, keyword.Name);

    /// <summary>A non-negative integer (2.0 is accepted as 2; huge values saturate).</summary>
    public static long Count(JsonElement value, SchemaNode owner, string name)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw Invalid(owner, name, "must be a non-negative integer");
        }

        if (value.TryGetInt64(out var n))
        {
            return n >= 0 ? n : throw Invalid(owner, name, "must be a non-negative integer");
        }

        var d = value.GetDouble();
        if (d < 0 || Math.Floor(d) != d)
        {
            throw Invalid(owner, name, "must be a non-negative integer");
        }

        return d >= long.MaxValue ? long.MaxValue : (long)d;
    }

    public static long Count(JsonElement value, Keyword keyword) => Count(value, keyword.Owner, keyword.Name);

    public static bool Boolean(JsonElement value, SchemaNode owner, string name)
        => value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(owner, name, "must be a boolean"),
        };

    public static List<string> StringArray(JsonElement value, SchemaNode owner, string name)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(owner, name, "must be an array of strings");
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid(owner, name, "must be an array of strings"));
        }

        return list;
    }

    public static InvalidSchemaException Invalid(SchemaNode owner, string name, string problem)
        => new($"The value of '{name}' {problem}.", owner.AbsoluteLocation + "/" + JsonPointer.EscapeForUri(name));

    public static InvalidSchemaException Invalid(Keyword keyword, string problem) => Invalid(keyword.Owner, keyword.Name, problem);
}
