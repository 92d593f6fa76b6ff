namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>RFC 6901 <c>json-pointer</c> and the <c>relative-json-pointer</c> draft.</summary>
internal static class JsonPointerFormat
{
    /// <summary>Whether <paramref name="s"/> is a JSON Pointer: empty, or reference tokens each after a
    /// <c>/</c>, with <c>~</c> only in <c>~0</c> and <c>~1</c>.</summary>
    public static bool IsJsonPointer(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return true;
        }

        if (s[0] != '/')
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '~' && (i + 1 >= s.Length || s[i + 1] is not ('0' or '1')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="s"/> is a relative JSON Pointer: a non-negative integer without leading
    /// zeros, then <c>#</c> or a JSON Pointer.</summary>
    public static bool IsRelativeJsonPointer(ReadOnlySpan<char> s)
    {
        var digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        if (digits == 0 || (digits > 1 && s[0] == '0'))
        {
            return false;
        }

        var rest = s[digits..];
        return rest is "#" || IsJsonPointer(rest);
    }
}
