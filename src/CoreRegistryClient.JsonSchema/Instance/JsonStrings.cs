using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace CoreRegistryClient.JsonSchema.Instance;

/// <summary>Reads JSON string contents (the bytes between the quotes, possibly escaped) without allocating.</summary>
internal static class JsonStrings
{
    /// <summary>Unescapes raw string bytes to UTF-8; <paramref name="destination"/> needs <c>raw.Length</c> bytes.
    /// A lone escaped surrogate becomes U+FFFD.</summary>
    public static int UnescapeToUtf8(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        var written = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var slash = raw[i..].IndexOf((byte)'\\');
            if (slash < 0)
            {
                raw[i..].CopyTo(destination[written..]);
                return written + raw.Length - i;
            }

            raw.Slice(i, slash).CopyTo(destination[written..]);
            written += slash;
            i += slash;
            var code = ReadEscape(raw, ref i);
            var rune = Rune.IsValid(code) ? new Rune(code) : Rune.ReplacementChar;
            written += rune.EncodeToUtf8(destination[written..]);
        }

        return written;
    }

    /// <summary>Decodes raw string bytes to UTF-16; <paramref name="destination"/> needs <c>raw.Length</c> chars.
    /// A lone escaped surrogate is kept as that UTF-16 unit (as ECMA-262 strings would).</summary>
    public static int DecodeToUtf16(ReadOnlySpan<byte> raw, bool escaped, Span<char> destination)
    {
        if (!escaped)
        {
            Utf8.ToUtf16(raw, destination, out _, out var direct, replaceInvalidSequences: true);
            return direct;
        }

        var written = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var slash = raw[i..].IndexOf((byte)'\\');
            var run = slash < 0 ? raw[i..] : raw.Slice(i, slash);
            Utf8.ToUtf16(run, destination[written..], out _, out var chars, replaceInvalidSequences: true);
            written += chars;
            i += run.Length;
            if (slash < 0)
            {
                break;
            }

            var code = ReadEscape(raw, ref i);
            if (code > 0xFFFF)
            {
                written += new Rune(code).EncodeToUtf16(destination[written..]);
            }
            else
            {
                destination[written++] = (char)code;
            }
        }

        return written;
    }

    /// <summary>Counts Unicode code points (what JSON Schema calls string length).</summary>
    public static int CountCodePoints(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
        {
            return CountUtf8CodePoints(raw);
        }

        var count = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var slash = raw[i..].IndexOf((byte)'\\');
            if (slash < 0)
            {
                return count + CountUtf8CodePoints(raw[i..]);
            }

            count += CountUtf8CodePoints(raw.Slice(i, slash));
            i += slash;
            _ = ReadEscape(raw, ref i);
            count++;
        }

        return count;
    }

    /// <summary>Whether raw string bytes equal the (unescaped) UTF-8 <paramref name="expected"/>.</summary>
    public static bool Equals(ReadOnlySpan<byte> raw, bool escaped, ReadOnlySpan<byte> expected)
    {
        if (!escaped)
        {
            return raw.SequenceEqual(expected);
        }

        return raw.Length >= expected.Length && EscapedEquals(raw, expected);
    }

    // The escaped cases live in their own methods: a stackalloc keeps a method from being inlined and costs every
    // call a stack-guard check, which the unescaped fast paths (nearly every payload string) should not pay.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool EscapedEquals(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> expected)
    {
        byte[]? rented = null;
        var buffer = raw.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        var n = UnescapeToUtf8(raw, buffer);
        var equal = buffer[..n].SequenceEqual(expected);
        if (rented != null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return equal;
    }

    /// <summary>Whether two raw strings have the same contents.</summary>
    public static bool Equals(ReadOnlySpan<byte> a, bool aEscaped, ReadOnlySpan<byte> b, bool bEscaped)
    {
        if (!aEscaped && !bEscaped)
        {
            return a.SequenceEqual(b);
        }

        if (!aEscaped)
        {
            return Equals(b, bEscaped, a);
        }

        if (!bEscaped)
        {
            return Equals(a, aEscaped, b);
        }

        byte[]? rented = null;
        var buffer = b.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(b.Length));
        var n = UnescapeToUtf8(b, buffer);
        var equal = Equals(a, aEscaped, buffer[..n]);
        if (rented != null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return equal;
    }

    /// <summary>A hash of the unescaped contents (equal strings hash equally).</summary>
    public static int Hash(ReadOnlySpan<byte> raw, bool escaped)
    {
        return escaped ? EscapedHash(raw) : Fnv(raw);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int EscapedHash(ReadOnlySpan<byte> raw)
    {
        byte[]? rented = null;
        var buffer = raw.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        var n = UnescapeToUtf8(raw, buffer);
        var hash = Fnv(buffer[..n]);
        if (rented != null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return hash;
    }

    /// <summary>FNV-1a over bytes: short names, no allocation, stable.</summary>
    public static int Fnv(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)hash;
    }

    private static int CountUtf8CodePoints(ReadOnlySpan<byte> utf8)
    {
        var ascii = Ascii.IsValid(utf8);
        if (ascii)
        {
            return utf8.Length;
        }

        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Reads the escape at <paramref name="i"/> (pointing at the backslash), joining surrogate pairs.</summary>
    private static int ReadEscape(ReadOnlySpan<byte> raw, ref int i)
    {
        var c = raw[i + 1];
        i += 2;
        switch (c)
        {
            case (byte)'b': return '\b';
            case (byte)'f': return '\f';
            case (byte)'n': return '\n';
            case (byte)'r': return '\r';
            case (byte)'t': return '\t';
            case (byte)'u':
                {
                    var unit = Hex4(raw.Slice(i, 4));
                    i += 4;
                    if (unit is >= 0xD800 and <= 0xDBFF && i + 6 <= raw.Length && raw[i] == '\\' && raw[i + 1] == 'u')
                    {
                        var low = Hex4(raw.Slice(i + 2, 4));
                        if (low is >= 0xDC00 and <= 0xDFFF)
                        {
                            i += 6;
                            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        }
                    }

                    return unit;
                }

            default: return c; // \" \\ \/
        }
    }

    private static int Hex4(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var h in hex)
        {
            value = (value << 4) | (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
        }

        return value;
    }
}
