namespace CoreRegistryClient.Samples.Messaging;

/// <summary>A stream entry as the in-memory bus keeps it: its id and its fields, in order.</summary>
internal sealed record StreamEntryData(string Id, IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> Fields)
{
    /// <summary>The value of the first field named <paramref name="name"/>, or null.</summary>
    public ReadOnlyMemory<byte>? GetField(string name)
    {
        foreach (var (key, value) in Fields)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }
}
