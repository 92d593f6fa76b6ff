using System.Text;

namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>RFC 3986 <c>uri</c>/<c>uri-reference</c> and RFC 3987 <c>iri</c>/<c>iri-reference</c>, checked
/// against the ABNF (not <see cref="System.Uri"/>, which is lenient and normalises).</summary>
internal static class UriFormat
{
    private const string SubDelimiters = "!$&'()*+,;=";

    /// <summary>Whether <paramref name="value"/> is an absolute URI (a scheme is required).</summary>
    public static bool IsUri(ReadOnlySpan<char> value) => Check(value, iri: false, allowRelative: false);

    /// <summary>Whether <paramref name="value"/> is a URI or a relative reference.</summary>
    public static bool IsUriReference(ReadOnlySpan<char> value) => Check(value, iri: false, allowRelative: true);

    /// <summary>Whether <paramref name="value"/> is an absolute IRI.</summary>
    public static bool IsIri(ReadOnlySpan<char> value) => Check(value, iri: true, allowRelative: false);

    /// <summary>Whether <paramref name="value"/> is an IRI or a relative IRI reference.</summary>
    public static bool IsIriReference(ReadOnlySpan<char> value) => Check(value, iri: true, allowRelative: true);

    private static bool Check(ReadOnlySpan<char> s, bool iri, bool allowRelative)
    {
        var colon = s.IndexOf(':');
        var delimiter = s.IndexOfAny('/', '?', '#');
        if (colon >= 0 && (delimiter < 0 || colon < delimiter))
        {
            // A ':' before any '/', '?' or '#' either ends a scheme or sits in the first path segment of a
            // relative reference, which RFC 3986 forbids; either way the text must be a full URI.
            return IsScheme(s[..colon]) && CheckAfterScheme(s[(colon + 1)..], iri);
        }

        return allowRelative && CheckAfterScheme(s, iri);
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (scheme.IsEmpty || !char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks hier-part (or relative-part), query and fragment.</summary>
    private static bool CheckAfterScheme(ReadOnlySpan<char> s, bool iri)
    {
        var hash = s.IndexOf('#');
        if (hash >= 0)
        {
            if (!CheckChars(s[(hash + 1)..], iri, extra: "/?:@", privateUse: false))
            {
                return false;
            }

            s = s[..hash];
        }

        var question = s.IndexOf('?');
        if (question >= 0)
        {
            if (!CheckChars(s[(question + 1)..], iri, extra: "/?:@", privateUse: iri))
            {
                return false;
            }

            s = s[..question];
        }

        if (s.StartsWith("//"))
        {
            s = s[2..];
            var slash = s.IndexOf('/');
            var authority = slash < 0 ? s : s[..slash];
            if (!CheckAuthority(authority, iri))
            {
                return false;
            }

            s = slash < 0 ? [] : s[slash..];
        }

        return CheckChars(s, iri, extra: "/:@", privateUse: false);
    }

    private static bool CheckAuthority(ReadOnlySpan<char> authority, bool iri)
    {
        var at = authority.IndexOf('@');
        if (at >= 0)
        {
            if (!CheckChars(authority[..at], iri, extra: ":", privateUse: false))
            {
                return false;
            }

            authority = authority[(at + 1)..];
        }

        ReadOnlySpan<char> port;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0 || !IsIPLiteral(authority[1..close]))
            {
                return false;
            }

            var after = authority[(close + 1)..];
            if (!after.IsEmpty && after[0] != ':')
            {
                return false;
            }

            port = after.IsEmpty ? [] : after[1..];
        }
        else
        {
            var colon = authority.IndexOf(':');
            var host = colon < 0 ? authority : authority[..colon];
            if (!CheckChars(host, iri, extra: "", privateUse: false))
            {
                return false;
            }

            port = colon < 0 ? [] : authority[(colon + 1)..];
        }

        foreach (var c in port)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIPLiteral(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && (s[0] | 0x20) == 'v')
        {
            // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
            var dot = s.IndexOf('.');
            if (dot < 2 || dot == s.Length - 1)
            {
                return false;
            }

            foreach (var c in s[1..dot])
            {
                if (!char.IsAsciiHexDigit(c))
                {
                    return false;
                }
            }

            foreach (var c in s[(dot + 1)..])
            {
                if (!IsUnreserved(c) && !SubDelimiters.Contains(c, StringComparison.Ordinal) && c != ':')
                {
                    return false;
                }
            }

            return true;
        }

        return IpAddressFormat.IsIPv6(s);
    }

    /// <summary>Every character is unreserved, a sub-delimiter, one of <paramref name="extra"/>, or part of a
    /// percent-encoded octet; for IRIs also ucschar (and iprivate where <paramref name="privateUse"/>).</summary>
    private static bool CheckChars(ReadOnlySpan<char> s, bool iri, string extra, bool privateUse)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c < 0x80)
            {
                if (IsUnreserved(c) || SubDelimiters.Contains(c, StringComparison.Ordinal) || extra.Contains(c, StringComparison.Ordinal))
                {
                    continue;
                }

                if (c == '%' && i + 2 < s.Length && char.IsAsciiHexDigit(s[i + 1]) && char.IsAsciiHexDigit(s[i + 2]))
                {
                    i += 2;
                    continue;
                }

                return false;
            }

            if (!iri || Rune.DecodeFromUtf16(s[i..], out var rune, out var length) != System.Buffers.OperationStatus.Done
                || !(IsUcsChar(rune.Value) || (privateUse && IsPrivateUse(rune.Value))))
            {
                return false;
            }

            i += length - 1;
        }

        return true;
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    /// <summary>RFC 3987 ucschar.</summary>
    internal static bool IsUcsChar(int cp) =>
        cp is (>= 0xA0 and <= 0xD7FF) or (>= 0xF900 and <= 0xFDCF) or (>= 0xFDF0 and <= 0xFFEF)
        || (cp >= 0x10000 && cp <= 0xEFFFD && (cp & 0xFFFF) <= 0xFFFD && (cp < 0xE0000 || cp >= 0xE1000));

    /// <summary>RFC 3987 iprivate.</summary>
    internal static bool IsPrivateUse(int cp) =>
        cp is (>= 0xE000 and <= 0xF8FF) or (>= 0xF0000 and <= 0xFFFFD) or (>= 0x100000 and <= 0x10FFFD);
}
