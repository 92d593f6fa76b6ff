namespace CoreRegistryClient.Registry;

/// <summary>The one rule for schema names: some registries (and files) spell a name with a trailing
/// <c>.schema</c>, which denotes the same schema. The suffix is matched exactly (ordinal, case-sensitive, like the
/// names themselves); a name that is only the suffix is left as it is.</summary>
/// <remarks>Every component compares names in their canonical form (without the suffix). The hot path trims the
/// suffix off a span, so normalising a caller's name never allocates.</remarks>
internal static class SchemaNames
{
    public const string Suffix = ".schema";

    public static bool HasSuffix(ReadOnlySpan<char> name) => name.Length > Suffix.Length && name.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>The canonical name as a span of <paramref name="name"/>: without a trailing <c>.schema</c>.</summary>
    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> name) => HasSuffix(name) ? name[..^Suffix.Length] : name;

    /// <summary>The canonical name: <paramref name="name"/> itself when it has no suffix (no allocation).</summary>
    public static string Canonical(string name) => HasSuffix(name) ? name[..^Suffix.Length] : name;

    /// <summary>The other spelling: adds the suffix when absent, removes it when present.</summary>
    public static string Alternate(string name) => HasSuffix(name) ? name[..^Suffix.Length] : name + Suffix;

    /// <summary>Whether two names denote the same schema.</summary>
    public static bool Same(ReadOnlySpan<char> left, ReadOnlySpan<char> right) => Trim(left).SequenceEqual(Trim(right));
}
