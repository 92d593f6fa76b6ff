namespace CoreRegistryClient.Caching;

/// <summary>Schema names as registries spell them: some append a <c>.schema</c> suffix, which means the same schema.</summary>
internal static class SchemaNames
{
    private const string Suffix = ".schema";

    /// <summary>The name without a trailing <c>.schema</c>.</summary>
    public static string Normalize(string name) =>
        name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) && name.Length > Suffix.Length ? name[..^Suffix.Length] : name;

    /// <summary>Whether two names denote the same schema, suffix or not.</summary>
    public static bool Same(string left, string right) => string.Equals(Normalize(left), Normalize(right), StringComparison.Ordinal);
}
