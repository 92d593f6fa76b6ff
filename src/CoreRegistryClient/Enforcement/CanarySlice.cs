namespace CoreRegistryClient.Enforcement;

/// <summary>Whether a key belongs to a canary slice, decided exactly as <c>CanaryStrictPercent</c> decides it for
/// messages: a stable hash of the key, so the same key (a client id, say) is in or out in every process and
/// after every restart, for messages and HTTP requests alike.</summary>
public static class CanarySlice
{
    /// <summary>Whether <paramref name="key"/> falls within the first <paramref name="percent"/> % of keys
    /// (resolution 0.01 %; 0 takes none, 100 takes all).</summary>
    public static bool Contains(string key, double percent) =>
        CanarySelector.Bucket(key) < CanarySelector.Threshold(percent);
}
