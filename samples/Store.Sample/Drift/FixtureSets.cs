namespace CoreRegistryClient.Samples.Store.Drift;

/// <summary>Finds the directories of local schema copies under <c>--fixtures</c>: the folder itself when it holds a
/// <c>_metadata.json</c> (one track), otherwise each sub-folder that does (one per track, e.g. <c>v1/</c>, <c>v2/</c>).</summary>
internal static class FixtureSets
{
    public const string MetadataFile = "_metadata.json";

    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">Neither the folder nor any sub-folder has a <c>_metadata.json</c>.</exception>
    public static IReadOnlyList<string> Discover(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The fixture folder '{root}' does not exist.");
        }

        if (File.Exists(Path.Combine(root, MetadataFile)))
        {
            return [root];
        }

        var sets = Directory.GetDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, MetadataFile)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return sets.Length > 0
            ? sets
            : throw new InvalidDataException($"The fixture folder '{root}' has no {MetadataFile}, and no sub-folder has one: nothing to compare with the registry.");
    }
}
