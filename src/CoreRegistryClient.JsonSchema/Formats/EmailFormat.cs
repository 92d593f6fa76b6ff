using System.Text;

namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>RFC 5321 <c>email</c> (Mailbox) and RFC 6531 <c>idn-email</c>.</summary>
/// <remarks>The local part is a dot-string of atoms or a quoted string, at most 64 octets (UTF-8); the domain is
/// a hostname (an IDN hostname for <c>idn-email</c>) or an address literal: <c>[IPv4]</c>, <c>[IPv6:...]</c> or
/// <c>[tag:content]</c>. Internationalised addresses also allow any non-ASCII character in atoms and quoted
/// strings.</remarks>
internal static class EmailFormat
{
    private const int MaxLocalPartOctets = 64;

    /// <summary>Whether <paramref name="value"/> is an RFC 5321 mailbox.</summary>
    public static bool IsEmail(ReadOnlySpan<char> value) => Check(value, idn: false);

    /// <summary>Whether <paramref name="value"/> is an RFC 6531 internationalised mailbox.</summary>
    public static bool IsIdnEmail(ReadOnlySpan<char> value) => Check(value, idn: true);

    private static bool Check(ReadOnlySpan<char> s, bool idn)
    {
        var end = s.Length > 0 && s[0] == '"' ? QuotedStringEnd(s, idn) : DotStringEnd(s, idn);
        if (end <= 0 || end >= s.Length || s[end] != '@' || Encoding.UTF8.GetByteCount(s[..end]) > MaxLocalPartOctets)
        {
            return false;
        }

        var domain = s[(end + 1)..];
        if (domain.Length >= 2 && domain[0] == '[' && domain[^1] == ']')
        {
            return IsAddressLiteral(domain[1..^1]);
        }

        return HostnameFormat.Check(domain, idn);
    }

    /// <summary>Dot-string = Atom *("." Atom); returns where it ends, or -1.</summary>
    private static int DotStringEnd(ReadOnlySpan<char> s, bool idn)
    {
        var i = 0;
        var atomLength = 0;
        for (; i < s.Length && s[i] != '@'; i++)
        {
            var c = s[i];
            if (c == '.')
            {
                if (atomLength == 0)
                {
                    return -1;
                }

                atomLength = 0;
                continue;
            }

            if (c < 0x80 ? !IsAtomText(c) : !(idn && IsNonAsciiText(s, ref i)))
            {
                return -1;
            }

            atomLength++;
        }

        return atomLength == 0 ? -1 : i;
    }

    /// <summary>Quoted-string = DQUOTE *(qtextSMTP / quoted-pairSMTP) DQUOTE; returns the index after it, or -1.</summary>
    private static int QuotedStringEnd(ReadOnlySpan<char> s, bool idn)
    {
        for (var i = 1; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"')
            {
                return i + 1;
            }

            if (c == '\\')
            {
                if (++i >= s.Length || s[i] is < ' ' or > '~')
                {
                    return -1;
                }

                continue;
            }

            var ok = c < 0x80 ? c is >= ' ' and <= '~' : idn && IsNonAsciiText(s, ref i);
            if (!ok)
            {
                return -1;
            }
        }

        return -1;
    }

    private static bool IsAtomText(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal);

    /// <summary>UTF8-non-ascii: any well-formed non-ASCII character (a surrogate pair is consumed whole).</summary>
    private static bool IsNonAsciiText(ReadOnlySpan<char> s, ref int i)
    {
        if (Rune.DecodeFromUtf16(s[i..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        i += consumed - 1;
        return true;
    }

    private static bool IsAddressLiteral(ReadOnlySpan<char> literal)
    {
        if (IpAddressFormat.IsIPv4(literal))
        {
            return true;
        }

        var colon = literal.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var tag = literal[..colon];
        var content = literal[(colon + 1)..];
        if (tag.Equals("IPv6", StringComparison.OrdinalIgnoreCase))
        {
            return IpAddressFormat.IsIPv6(content);
        }

        // General-address-literal = Standardized-tag ":" 1*dcontent
        if (content.IsEmpty || tag[^1] == '-' || !char.IsAsciiLetterOrDigit(tag[0]))
        {
            return false;
        }

        foreach (var c in tag)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        foreach (var c in content)
        {
            if (c is < (char)33 or > (char)126 or '[' or '\\' or ']')
            {
                return false;
            }
        }

        return true;
    }
}
