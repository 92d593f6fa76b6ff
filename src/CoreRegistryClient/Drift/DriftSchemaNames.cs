namespace CoreRegistryClient.Drift;

/// <summary>Schema names as matched between local files and the registry: some registries carry a
/// <c>.schema</c> suffix, some do not.</summary>
internal static class DriftSchemaNames
{
    private const string Suffix = ".schema";

    public static string Normalize(string name) =>
        name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) ? name[..^Suffix.Length] : name;
}
