using System.Buffers;

namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>RFC 2673 dotted-quad <c>ipv4</c> (no leading zeros, no shorthand) and RFC 4291 text <c>ipv6</c>
/// (at most one <c>::</c>, an optional trailing dotted quad, no zone or prefix length).</summary>
internal static class IpAddressFormat
{
    private static readonly SearchValues<char> s_hexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Whether <paramref name="s"/> is an IPv4 address in dotted-quad form.</summary>
    public static bool IsIPv4(ReadOnlySpan<char> s)
    {
        for (var part = 0; part < 4; part++)
        {
            var end = part < 3 ? s.IndexOf('.') : s.Length;
            if (end < 0 || !IsOctet(s[..end]))
            {
                return false;
            }

            s = part < 3 ? s[(end + 1)..] : [];
        }

        return true;
    }

    /// <summary>Whether <paramref name="s"/> is an IPv6 address in RFC 4291 text form.</summary>
    public static bool IsIPv6(ReadOnlySpan<char> s)
    {
        if (s.Length < 2)
        {
            return false;
        }

        var groups = 0;
        var compressed = false;
        var i = 0;
        if (s[0] == ':')
        {
            if (s[1] != ':')
            {
                return false;
            }

            compressed = true;
            i = 2;
            if (i == s.Length)
            {
                return true;
            }
        }

        while (true)
        {
            var colon = s[i..].IndexOf(':');
            var end = colon < 0 ? s.Length : i + colon;
            var piece = s[i..end];
            if (piece.Contains('.'))
            {
                // An embedded IPv4 address stands for the last two groups.
                if (end != s.Length || !IsIPv4(piece))
                {
                    return false;
                }

                groups += 2;
                break;
            }

            if (piece.Length is < 1 or > 4 || piece.ContainsAnyExcept(s_hexDigits))
            {
                return false;
            }

            groups++;
            if (end == s.Length)
            {
                break;
            }

            if (end + 1 < s.Length && s[end + 1] == ':')
            {
                if (compressed)
                {
                    return false;
                }

                compressed = true;
                i = end + 2;
                if (i == s.Length)
                {
                    break;
                }
            }
            else
            {
                i = end + 1;
                if (i == s.Length)
                {
                    return false;
                }
            }
        }

        return compressed ? groups <= 7 : groups == 8;
    }

    private static bool IsOctet(ReadOnlySpan<char> s) =>
        s.Length is >= 1 and <= 3 && (s.Length == 1 || s[0] != '0')
        && DateTimeFormat.TryDigits(s, out var value) && value <= 255;
}
