namespace CoreRegistryClient.Registry;

/// <summary>Schema names with and without the <c>.schema</c> suffix some registries append.</summary>
internal static class SchemaName
{
    public const string Suffix = ".schema";

    public static bool HasSuffix(string name) => name.Length > Suffix.Length && name.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>The name without the suffix: the form used for comparisons and cache keys.</summary>
    public static string Normalize(string name) => HasSuffix(name) ? name[..^Suffix.Length] : name;

    /// <summary>The other spelling: adds the suffix when absent, removes it when present.</summary>
    public static string Alternate(string name) => HasSuffix(name) ? name[..^Suffix.Length] : name + Suffix;

    /// <summary>Whether two names denote the same schema, ignoring the suffix.</summary>
    public static bool AreSame(string left, string right) =>
        string.Equals(Normalize(left), Normalize(right), StringComparison.Ordinal);
}
