namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>RFC 3339 <c>date-time</c>, <c>full-date</c> and <c>full-time</c> (section 5.6), with ASCII digits only,
/// the calendar's month lengths, and leap seconds only at 23:59:60 UTC.</summary>
internal static class DateTimeFormat
{
    /// <summary>Whether <paramref name="s"/> is an RFC 3339 date-time.</summary>
    public static bool IsDateTime(ReadOnlySpan<char> s)
    {
        return s.Length > 11 && (s[10] | 0x20) == 't' && IsDate(s[..10]) && IsTime(s[11..]);
    }

    /// <summary>Whether <paramref name="s"/> is an RFC 3339 full-date.</summary>
    public static bool IsDate(ReadOnlySpan<char> s)
    {
        if (s.Length != 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day))
        {
            return false;
        }

        return month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);
    }

    /// <summary>Whether <paramref name="s"/> is an RFC 3339 full-time (a time-offset is required).</summary>
    public static bool IsTime(ReadOnlySpan<char> s)
    {
        // partial-time = hh ":" mm ":" ss [ "." 1*DIGIT ]; time-offset = "Z" / ("+" / "-") hh ":" mm
        if (s.Length < 9 || s[2] != ':' || s[5] != ':'
            || !TryDigits(s[..2], out var hour) || !TryDigits(s.Slice(3, 2), out var minute) || !TryDigits(s.Slice(6, 2), out var second)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var i = 8;
        if (s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        var offset = s[i..];
        int offsetMinutes;
        if (offset.Length == 1 && (offset[0] | 0x20) == 'z')
        {
            offsetMinutes = 0;
        }
        else if (offset.Length == 6 && offset[0] is '+' or '-' && offset[3] == ':'
            && TryDigits(offset.Slice(1, 2), out var offsetHour) && TryDigits(offset.Slice(4, 2), out var offsetMinute)
            && offsetHour <= 23 && offsetMinute <= 59)
        {
            offsetMinutes = (offset[0] == '+' ? 1 : -1) * ((offsetHour * 60) + offsetMinute);
        }
        else
        {
            return false;
        }

        if (second == 60)
        {
            // A leap second is inserted at the end of a UTC day, so the time must be 23:59 once the offset is removed.
            var utc = ((((hour * 60) + minute - offsetMinutes) % 1440) + 1440) % 1440;
            return utc == (23 * 60) + 59;
        }

        return true;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Reads a fixed-width run of ASCII digits (never other scripts' digits).</summary>
    internal static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
