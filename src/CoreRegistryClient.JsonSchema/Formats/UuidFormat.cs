namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>RFC 9562 <c>uuid</c>: 8-4-4-4-12 hexadecimal digits in either case; any version or variant nibble.</summary>
internal static class UuidFormat
{
    /// <summary>Whether <paramref name="value"/> is a UUID in its hyphenated string form.</summary>
    public static bool IsUuid(ReadOnlySpan<char> value)
    {
        if (value.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var ok = i is 8 or 13 or 18 or 23 ? value[i] == '-' : char.IsAsciiHexDigit(value[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
