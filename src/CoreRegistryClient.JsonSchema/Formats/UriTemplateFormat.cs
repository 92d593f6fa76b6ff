using System.Text;

namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>RFC 6570 <c>uri-template</c> (level 4): literals and <c>{...}</c> expressions with an optional
/// operator and a list of variable specs, each with an optional prefix length (1-9999) or explode marker.</summary>
/// <remarks>The apostrophe is accepted in literals, as the RFC's errata and the JSON Schema test suite do.
/// The reserved operators <c>= , ! @ |</c> are rejected: RFC 6570 reserves them and defines no expansion.</remarks>
internal static class UriTemplateFormat
{
    /// <summary>Whether <paramref name="s"/> is a URI template.</summary>
    public static bool IsUriTemplate(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '{':
                    var close = s[i..].IndexOf('}');
                    if (close < 0 || !IsExpression(s.Slice(i + 1, close - 1)))
                    {
                        return false;
                    }

                    i += close;
                    continue;
                case '%':
                    if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                    {
                        return false;
                    }

                    i += 2;
                    continue;
            }

            if (c < 0x80)
            {
                if (c <= 0x20 || c == 0x7F || c is '"' or '<' or '>' or '\\' or '^' or '`' or '|' or '}')
                {
                    return false;
                }

                continue;
            }

            if (Rune.DecodeFromUtf16(s[i..], out var rune, out var length) != System.Buffers.OperationStatus.Done
                || !(UriFormat.IsUcsChar(rune.Value) || UriFormat.IsPrivateUse(rune.Value)))
            {
                return false;
            }

            i += length - 1;
        }

        return true;
    }

    private static bool IsExpression(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        if (s[0] is '+' or '#' or '.' or '/' or ';' or '?' or '&')
        {
            s = s[1..];
        }

        while (true)
        {
            var comma = s.IndexOf(',');
            if (!IsVariableSpec(comma < 0 ? s : s[..comma]))
            {
                return false;
            }

            if (comma < 0)
            {
                return true;
            }

            s = s[(comma + 1)..];
        }
    }

    private static bool IsVariableSpec(ReadOnlySpan<char> s)
    {
        var end = s.IndexOfAny(':', '*');
        var name = end < 0 ? s : s[..end];
        if (!IsVariableName(name))
        {
            return false;
        }

        if (end < 0)
        {
            return true;
        }

        var modifier = s[end..];
        if (modifier is "*")
        {
            return true;
        }

        // prefix = ":" max-length, max-length = %x31-39 0*3DIGIT
        var digits = modifier[1..];
        return modifier[0] == ':' && digits.Length is >= 1 and <= 4 && digits[0] is >= '1' and <= '9'
            && DateTimeFormat.TryDigits(digits, out _);
    }

    /// <summary>varname = varchar *( ["."] varchar ), varchar = ALPHA / DIGIT / "_" / pct-encoded.</summary>
    private static bool IsVariableName(ReadOnlySpan<char> s)
    {
        var expectChar = true;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '.' && !expectChar)
            {
                expectChar = true;
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                expectChar = false;
            }
            else if (c == '%' && i + 2 < s.Length && char.IsAsciiHexDigit(s[i + 1]) && char.IsAsciiHexDigit(s[i + 2]))
            {
                i += 2;
                expectChar = false;
            }
            else
            {
                return false;
            }
        }

        return !expectChar;
    }
}
