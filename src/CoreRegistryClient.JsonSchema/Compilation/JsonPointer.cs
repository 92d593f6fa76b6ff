using System.Text;
using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>RFC 6901 JSON Pointer helpers for schema locations.</summary>
internal static class JsonPointer
{
    public static string Escape(string segment)
        => segment.Contains('~', StringComparison.Ordinal) || segment.Contains('/', StringComparison.Ordinal)
            ? segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : segment;

    /// <summary><paramref name="prefix"/> + <c>/</c> + the escaped name of <paramref name="member"/>, built straight
    /// from the raw UTF-8 name when it is plain ASCII (the common case: one string instead of three).</summary>
    public static string Step(string prefix, JsonProperty member)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(member);
        if (!Ascii.IsValid(raw) || raw.IndexOfAny("\\~/"u8) >= 0)
        {
            return prefix + "/" + Escape(member.Name);
        }

        return string.Create(prefix.Length + 1 + raw.Length, (prefix, member), static (chars, state) =>
        {
            state.prefix.CopyTo(chars);
            chars[state.prefix.Length] = '/';
            Ascii.ToUtf16(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(state.member), chars[(state.prefix.Length + 1)..], out _);
        });
    }

    /// <summary>Escapes a segment for use inside a URI fragment (pointer escaping, then percent-encoding).</summary>
    public static string EscapeForUri(string segment)
    {
        var escaped = Escape(segment);
        foreach (var c in escaped)
        {
            if (!IsFragmentSafe(c))
            {
                return EncodeFragment(escaped);
            }
        }

        return escaped;
    }

    /// <summary>Splits a pointer (already percent-decoded) into unescaped segments.</summary>
    public static List<string> Parse(string pointer)
    {
        var segments = new List<string>();
        if (pointer.Length == 0)
        {
            return segments;
        }

        foreach (var part in pointer[1..].Split('/'))
        {
            segments.Add(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return segments;
    }

    /// <summary>Follows one segment from <paramref name="element"/>; false when it does not exist.</summary>
    public static bool TryStep(JsonElement element, string segment, out JsonElement child)
    {
        child = default;
        if (element.ValueKind == JsonValueKind.Object)
        {
            return element.TryGetProperty(segment, out child);
        }

        if (element.ValueKind == JsonValueKind.Array && TryParseIndex(segment, out var index) && index < element.GetArrayLength())
        {
            child = element[index];
            return true;
        }

        return false;
    }

    /// <summary>Reads an array-index segment: decimal digits without a leading zero.</summary>
    public static bool TryParseIndex(string segment, out int index)
        => int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index)
            && (segment.Length == 1 || segment[0] != '0');

    private static bool IsFragmentSafe(char c)
        => char.IsAsciiLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?".Contains(c, StringComparison.Ordinal);

    private static string EncodeFragment(string text)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (b < 0x80 && IsFragmentSafe(c))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
