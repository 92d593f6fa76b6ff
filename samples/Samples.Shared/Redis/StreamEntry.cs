namespace CoreRegistryClient.Samples.Redis;

/// <summary>One stream entry: its id and its field/value pairs in wire order.</summary>
public sealed record StreamEntry(string Id, IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> Fields)
{
    /// <summary>The value of the first field called <paramref name="name"/>, if present.</summary>
    public ReadOnlyMemory<byte>? GetField(string name)
    {
        foreach (var field in Fields)
        {
            if (string.Equals(field.Key, name, StringComparison.Ordinal))
            {
                return field.Value;
            }
        }

        return null;
    }
}
