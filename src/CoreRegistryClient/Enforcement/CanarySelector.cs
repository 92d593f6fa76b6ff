namespace CoreRegistryClient.Enforcement;

/// <summary>Chooses canary messages by key: FNV-1a (32-bit) over the key's UTF-8 bytes, so the same key gets the
/// same decision in every process, on every platform and after every restart (unlike <c>string.GetHashCode</c>,
/// which is randomised per process).</summary>
internal static class CanarySelector
{
    /// <summary>The resolution of the canary percentage: 0.01 %.</summary>
    public const uint Buckets = 10_000;

    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The key's bucket in [0, <see cref="Buckets"/>).</summary>
    public static uint Bucket(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = OffsetBasis;
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in key.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                hash = (hash ^ utf8[i]) * Prime;
            }
        }

        return hash % Buckets;
    }

    /// <summary>The bucket threshold for a percentage: keys whose bucket is below it are canaries.</summary>
    public static uint Threshold(double percent) => (uint)Math.Round(Math.Clamp(percent, 0, 100) * Buckets / 100);
}
