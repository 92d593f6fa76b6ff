namespace CoreRegistryClient.Drift;

/// <summary>Orders members by name: UTF-16 code units (RFC 8785) or code points (Python), then by position in the
/// source so that duplicates are adjacent with the last one last.</summary>
internal sealed class PropertyNameOrder(bool byCodePoint) : IComparer<CanonicalMember>
{
    /// <summary>The buffer the members' names were decoded into; set before each sort.</summary>
    public char[] Names { get; set; } = [];

    public int Compare(CanonicalMember x, CanonicalMember y)
    {
        var result = CompareNames(x, y);
        return result != 0 ? result : x.Position.CompareTo(y.Position);
    }

    public int CompareNames(CanonicalMember x, CanonicalMember y)
    {
        var a = Names.AsSpan(x.NameStart, x.NameLength);
        var b = Names.AsSpan(y.NameStart, y.NameLength);
        return byCodePoint ? CompareCodePoints(a, b) : a.SequenceCompareTo(b);
    }

    private static int CompareCodePoints(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var ca = NextCodePoint(a, ref i);
            var cb = NextCodePoint(b, ref j);
            if (ca != cb)
            {
                return ca.CompareTo(cb);
            }
        }

        return (a.Length - i).CompareTo(b.Length - j);
    }

    // An unpaired surrogate counts as its own value, as Python's str holds it.
    private static int NextCodePoint(ReadOnlySpan<char> s, ref int index)
    {
        var c = s[index++];
        if (char.IsHighSurrogate(c) && index < s.Length && char.IsLowSurrogate(s[index]))
        {
            return char.ConvertToUtf32(c, s[index++]);
        }

        return c;
    }
}
