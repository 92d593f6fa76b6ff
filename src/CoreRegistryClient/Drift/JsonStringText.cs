using System.Buffers;
using System.Text;

namespace CoreRegistryClient.Drift;

/// <summary>Reads the raw (still escaped) UTF-8 text of a JSON string, as it sits in the parsed document.</summary>
/// <remarks>Working on the raw text instead of <c>JsonElement.GetString()</c> keeps unpaired surrogates visible
/// (Python accepts them, RFC 8785 refuses them with a typed error) and avoids a string per value.</remarks>
internal static class JsonStringText
{
    /// <summary>Decodes the escaped UTF-8 content of a JSON string (no quotes) into UTF-16 code units, keeping
    /// unpaired surrogates as they are. <paramref name="destination"/> needs <c>raw.Length</c> chars.</summary>
    public static int DecodeUtf16(ReadOnlySpan<byte> raw, Span<char> destination)
    {
        var count = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var b = raw[i];
            if (b == (byte)'\\')
            {
                destination[count++] = ReadEscape(raw, ref i);
            }
            else if (b < 0x80)
            {
                destination[count++] = (char)b;
                i++;
            }
            else
            {
                if (Rune.DecodeFromUtf8(raw[i..], out var rune, out var consumed) != OperationStatus.Done)
                {
                    throw InvalidUtf8();
                }

                count += rune.EncodeToUtf16(destination[count..]);
                i += consumed;
            }
        }

        return count;
    }

    /// <summary>Reads the escape sequence starting at <paramref name="index"/> (a backslash) and moves past it.</summary>
    public static char ReadEscape(ReadOnlySpan<byte> raw, ref int index)
    {
        var c = raw[index + 1];
        index += 2;
        switch (c)
        {
            case (byte)'b': return '\b';
            case (byte)'f': return '\f';
            case (byte)'n': return '\n';
            case (byte)'r': return '\r';
            case (byte)'t': return '\t';
            case (byte)'u':
                var value = (HexValue(raw[index]) << 12) | (HexValue(raw[index + 1]) << 8) | (HexValue(raw[index + 2]) << 4) | HexValue(raw[index + 3]);
                index += 4;
                return (char)value;
            default: return (char)c; // '"', '\\', '/': the parser accepted nothing else.
        }
    }

    /// <summary>Whether the raw text at <paramref name="index"/> is a <c>\uXXXX</c> escape of a low surrogate.</summary>
    public static bool IsEscapedLowSurrogate(ReadOnlySpan<byte> raw, int index)
    {
        if (index + 6 > raw.Length || raw[index] != (byte)'\\' || raw[index + 1] != (byte)'u')
        {
            return false;
        }

        var probe = index;
        return char.IsLowSurrogate(ReadEscape(raw, ref probe));
    }

    /// <summary>The error for a string whose bytes are not UTF-8 (System.Text.Json parses those without complaint).</summary>
    public static CanonicalJsonException InvalidUtf8() =>
        new("A string is not valid UTF-8.", CanonicalJsonErrorKind.MalformedJson);

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };
}
