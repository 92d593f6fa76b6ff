namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>RFC 3339 appendix A <c>duration</c>: <c>P</c> then weeks alone, or date units (years, months, days)
/// and/or a <c>T</c> and time units (hours, minutes, seconds), each a run of ASCII digits and its letter, units
/// in order and contiguous (<c>P1Y2D</c> skips months, so it is not a duration), no fractions or signs.</summary>
internal static class DurationFormat
{
    /// <summary>Whether <paramref name="s"/> is an RFC 3339 duration.</summary>
    public static bool IsDuration(ReadOnlySpan<char> s)
    {
        if (s.Length < 3 || s[0] != 'P')
        {
            return false;
        }

        var i = 1;
        if (s[i] != 'T')
        {
            if (!TryReadUnit(s, ref i, out var unit))
            {
                return false;
            }

            if (unit == 'W')
            {
                return i == s.Length;
            }

            if (!TryReadRun(s, ref i, "YMD", unit))
            {
                return false;
            }

            if (i == s.Length)
            {
                return true;
            }
        }

        if (s[i] != 'T')
        {
            return false;
        }

        i++;
        return TryReadUnit(s, ref i, out var timeUnit) && TryReadRun(s, ref i, "HMS", timeUnit) && i == s.Length;
    }

    /// <summary>Continues a run of units that must follow <paramref name="order"/> without gaps, starting at
    /// <paramref name="first"/> (already read); stops before a <c>T</c> or the end.</summary>
    private static bool TryReadRun(ReadOnlySpan<char> s, ref int i, string order, char first)
    {
        var last = order.IndexOf(first, StringComparison.Ordinal);
        if (last < 0)
        {
            return false;
        }

        while (i < s.Length && s[i] != 'T')
        {
            if (!TryReadUnit(s, ref i, out var unit) || order.IndexOf(unit, StringComparison.Ordinal) != last + 1)
            {
                return false;
            }

            last++;
        }

        return true;
    }

    private static bool TryReadUnit(ReadOnlySpan<char> s, ref int i, out char unit)
    {
        unit = '\0';
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i == start || i >= s.Length)
        {
            return false;
        }

        unit = s[i++];
        return true;
    }
}
