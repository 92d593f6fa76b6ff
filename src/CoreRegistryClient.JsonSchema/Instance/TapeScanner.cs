using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CoreRegistryClient.JsonSchema.Instance;

/// <summary>Builds the <see cref="InstanceTape"/> in one pass over UTF-8-valid bytes: exactly the RFC 8259 grammar
/// that <see cref="System.Text.Json.Utf8JsonReader"/> accepts with comments disallowed and no trailing commas, and the
/// same tape it produced, without the reader's general-purpose state (the tape is most of a validation's time).</summary>
internal static class TapeScanner
{
    /// <summary>Where a string's fast scan stops: its closing quote, an escape, or a control character (refused).</summary>
    private static readonly SearchValues<byte> s_stringStops = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"u8);

    /// <summary>JSON's four whitespace bytes as bits: one shift and test per byte instead of four compares.</summary>
    private const ulong WhitespaceBits = (1UL << ' ') | (1UL << '\t') | (1UL << '\n') | (1UL << '\r');

    /// <summary>The width of the window of string stops: one bit per byte in a ulong.</summary>
    internal const int WindowBytes = 64;

    /// <summary>Scans <paramref name="json"/> (already known to be valid UTF-8) into <paramref name="tape"/>. On
    /// failure <paramref name="errorPosition"/> is the offset of the first byte that cannot continue the document
    /// (its length when the document ends early), or of the bracket that nests too deep.</summary>
    public static InputErrorKind Scan(
        ReadOnlySpan<byte> json,
        ref JsonToken[] tape,
        ref int[] containers,
        int maxDepth,
        out int tokenCount,
        out int deepest,
        out int errorPosition)
    {
        var tokens = tape;
        var n = 0;
        var depth = 0;
        var current = 0; // tape index of the innermost open container
        var count = 0; // its members so far (stored in its token while a child container is open)
        var inArray = false;
        var window = -WindowBytes; // where the 64 bytes whose string stops are in `stops` begin (none yet)
        var stops = 0UL;
        var i = SkipWhitespace(json, 0);
        byte c;
        tokenCount = 0;
        deepest = 0;

    Value:
        if (n == tokens.Length)
        {
            tokens = InstanceTape.Grow(ref tape, n, i, json.Length);
        }

        c = At(json, i);
        switch (c)
        {
            case (byte)'"':
                {
                    var close = ScanString(json, i + 1, ref window, ref stops, out var escaped);
                    if (close < 0)
                    {
                        errorPosition = ~close;
                        return InputErrorKind.MalformedJson;
                    }

                    Scalar(ref tokens[n], JsonTokenKind.String, i + 1, close - i - 1, escaped, n);
                    n++;
                    i = close + 1;
                    goto AfterValue;
                }

            case (byte)'-':
            case >= (byte)'0' and <= (byte)'9':
                {
                    var end = ScanNumber(json, i, out var integerSyntax);
                    if (end < 0)
                    {
                        errorPosition = ~end;
                        return InputErrorKind.MalformedJson;
                    }

                    Scalar(ref tokens[n], JsonTokenKind.Number, i, end - i, false, n);
                    tokens[n].IntegerSyntax = integerSyntax;
                    n++;
                    i = end;
                    goto AfterValue;
                }

            case (byte)'{':
            case (byte)'[':
                if (depth >= maxDepth)
                {
                    errorPosition = i;
                    return InputErrorKind.DepthExceeded;
                }

                if (depth > 0)
                {
                    tokens[current].Count = count;
                }

                if (depth == containers.Length)
                {
                    InstanceTape.GrowContainers(ref containers);
                }

                containers[depth++] = n;
                deepest = Math.Max(deepest, depth);
                inArray = c == (byte)'[';
                ref var container = ref tokens[n];
                container.Kind = inArray ? JsonTokenKind.Array : JsonTokenKind.Object;
                container.Start = i;
                container.Escaped = false;
                current = n;
                count = 0;
                n++;
                i = SkipWhitespace(json, i + 1);
                if (At(json, i) == (inArray ? (byte)']' : (byte)'}'))
                {
                    goto Close;
                }

                if (inArray)
                {
                    count = 1;
                    goto Value;
                }

                goto Name;
            case (byte)'t':
                if (!Literal(json, i, 0x65757274u /* "true" */, out errorPosition))
                {
                    return InputErrorKind.MalformedJson;
                }

                Scalar(ref tokens[n], JsonTokenKind.True, i, 4, false, n);
                n++;
                i += 4;
                goto AfterValue;
            case (byte)'f':
                // "false": 'f' is checked by the switch, "alse" as one word.
                if (!Literal(json, i + 1, 0x65736c61u /* "alse" */, out errorPosition))
                {
                    return InputErrorKind.MalformedJson;
                }

                Scalar(ref tokens[n], JsonTokenKind.False, i, 5, false, n);
                n++;
                i += 5;
                goto AfterValue;
            case (byte)'n':
                if (!Literal(json, i, 0x6c6c756eu /* "null" */, out errorPosition))
                {
                    return InputErrorKind.MalformedJson;
                }

                Scalar(ref tokens[n], JsonTokenKind.Null, i, 4, false, n);
                n++;
                i += 4;
                goto AfterValue;
            default:
                errorPosition = i;
                return InputErrorKind.MalformedJson;
        }

    Name:
        if (n == tokens.Length)
        {
            tokens = InstanceTape.Grow(ref tape, n, i, json.Length);
        }

        if (At(json, i) != (byte)'"')
        {
            errorPosition = i;
            return InputErrorKind.MalformedJson;
        }

        {
            var close = ScanString(json, i + 1, ref window, ref stops, out var escaped);
            if (close < 0)
            {
                errorPosition = ~close;
                return InputErrorKind.MalformedJson;
            }

            // Names are told apart by position, and propertyNames sees them as strings.
            Scalar(ref tokens[n], JsonTokenKind.String, i + 1, close - i - 1, escaped, n);
            n++;
            count++;
            i = close + 1;
        }

        // Separators: most documents write the colon (or comma) right after the name (or value), and then no
        // whitespace or one space, which take no trip round the whitespace loop.
        if (At(json, i) != (byte)':')
        {
            i = SkipWhitespace(json, i);
            if (At(json, i) != (byte)':')
            {
                errorPosition = i;
                return InputErrorKind.MalformedJson;
            }
        }

        i = SkipSeparatorSpace(json, i + 1);
        goto Value;

    AfterValue:
        if (At(json, i) != (byte)',' || depth == 0)
        {
            i = SkipWhitespace(json, i);
            if (depth == 0)
            {
                goto End;
            }

            c = At(json, i);
            if (c != (byte)',')
            {
                if (c != (inArray ? (byte)']' : (byte)'}'))
                {
                    errorPosition = i;
                    return InputErrorKind.MalformedJson;
                }

                goto Close;
            }
        }

        i = SkipSeparatorSpace(json, i + 1);
        if (inArray)
        {
            count++;
            goto Value;
        }

        goto Name;

    Close:
        ref var closed = ref tokens[current];
        closed.Count = count;
        closed.End = n;
        i++;
        if (--depth > 0)
        {
            current = containers[depth - 1];
            count = tokens[current].Count;
            inArray = tokens[current].Kind == JsonTokenKind.Array;
        }

        goto AfterValue;

    End:
        if (i != json.Length)
        {
            // Anything but whitespace after the one top-level value (or no value at all).
            errorPosition = i;
            return InputErrorKind.MalformedJson;
        }

        errorPosition = -1;
        tokenCount = n;
        return InputErrorKind.None;
    }

    /// <summary>The byte at <paramref name="i"/>, or 0 past the end: 0 continues nothing (outside strings, which
    /// refuse it anyway), so running out of input fails where the next byte was needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte At(ReadOnlySpan<byte> json, int i) => (uint)i < (uint)json.Length ? json[i] : (byte)0;

    /// <summary>Skips the whitespace after a separator: a single space (`": "`, `", "`) with one compare, any
    /// other run with <see cref="SkipWhitespace"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipSeparatorSpace(ReadOnlySpan<byte> json, int i)
    {
        if (At(json, i) == (byte)' ')
        {
            i++;
        }

        return SkipWhitespace(json, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> json, int i)
    {
        while ((uint)i < (uint)json.Length)
        {
            uint c = json[i];
            if (c > ' ' || ((1UL << (int)c) & WhitespaceBits) == 0)
            {
                break;
            }

            i++;
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scalar(ref JsonToken t, JsonTokenKind kind, int start, int length, bool escaped, int n)
    {
        t.Kind = kind;
        t.Start = start;
        t.Length = length;
        t.Escaped = escaped;
        t.End = n + 1;
    }

    /// <summary>Whether the four bytes at <paramref name="i"/> are <paramref name="word"/> (little-endian).</summary>
    private static bool Literal(ReadOnlySpan<byte> json, int i, uint word, out int errorPosition)
    {
        if (json.Length - i >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(json[i..]) == word)
        {
            errorPosition = -1;
            return true;
        }

        // The first byte that differs (or the end of the input).
        errorPosition = i;
        while (errorPosition < json.Length && json[errorPosition] == (byte)(word >> (8 * (errorPosition - i))))
        {
            errorPosition++;
        }

        return false;
    }

    /// <summary>Scans a string's body from <paramref name="i"/> (after the opening quote).</summary>
    /// <returns>The offset of the closing quote, or the complement of the offset of the first bad byte.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ScanString(ReadOnlySpan<byte> json, int i, ref int window, ref ulong stops, out bool escaped)
    {
        escaped = false;
        while (true)
        {
            // Most strings end inside the window an earlier string loaded: one shift finds their end.
            var offset = (uint)(i - window);
            var ahead = offset < WindowBytes ? stops >> (int)offset : 0;
            i = ahead != 0 ? i + BitOperations.TrailingZeroCount(ahead) : NextStringStop(json, i, ref window, ref stops);
            if (i < 0)
            {
                return ~json.Length;
            }

            var c = json[i];
            if (c == (byte)'"')
            {
                return i;
            }

            if (c != (byte)'\\')
            {
                return ~i; // a raw control character
            }

            escaped = true;
            i = SkipEscape(json, i);
            if (i < 0)
            {
                return i;
            }
        }
    }

    /// <summary>The offset after the escape sequence at <paramref name="i"/> (a backslash), or the complement of the
    /// offset of its first bad byte.</summary>
    private static int SkipEscape(ReadOnlySpan<byte> json, int i)
    {
        var c = At(json, i + 1);
        if (c == (byte)'u')
        {
            for (var h = i + 2; h < i + 6; h++)
            {
                if (!IsHex(At(json, h)))
                {
                    return ~Math.Min(h, json.Length);
                }
            }

            return i + 6;
        }

        return c is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t'
            ? i + 2
            : ~Math.Min(i + 1, json.Length);
    }

    /// <summary>The offset of the first string stop (quote, backslash, control character) from <paramref name="i"/>,
    /// or -1. Moves the window of string stops to the 64 bytes from <paramref name="i"/> (the last 64 of the input
    /// near its end; all of a shorter input), so the strings that follow in it are found without reading their bytes
    /// again.</summary>
    private static int NextStringStop(ReadOnlySpan<byte> json, int i, ref int window, ref ulong stops)
    {
        if (!Vector128.IsHardwareAccelerated)
        {
            var k = (uint)i <= (uint)json.Length ? json[i..].IndexOfAny(s_stringStops) : -1;
            return k < 0 ? -1 : i + k;
        }

        if (json.Length < WindowBytes)
        {
            window = 0;
            stops = ShortInputStops(json);
            var rest = (uint)i < (uint)json.Length ? stops >> i : 0;
            return rest != 0 ? i + BitOperations.TrailingZeroCount(rest) : -1;
        }

        while (i < json.Length)
        {
            var start = Math.Min(i, json.Length - WindowBytes);
            window = start;
            stops = StringStops(json.Slice(start, WindowBytes));
            var ahead = stops >> (i - start);
            if (ahead != 0)
            {
                return i + BitOperations.TrailingZeroCount(ahead);
            }

            i = start + WindowBytes;
        }

        return -1;
    }

    /// <summary>The string stops of an input shorter than the window: sixteen bytes at a time, the last sixteen
    /// overlapping the ones before (the same bits again), or byte by byte below sixteen.</summary>
    private static ulong ShortInputStops(ReadOnlySpan<byte> json)
    {
        var mask = 0UL;
        if (json.Length < Vector128<byte>.Count)
        {
            for (var k = 0; k < json.Length; k++)
            {
                if (s_stringStops.Contains(json[k]))
                {
                    mask |= 1UL << k;
                }
            }

            return mask;
        }

        for (var k = 0; k <= json.Length - Vector128<byte>.Count; k += Vector128<byte>.Count)
        {
            mask |= StringStops16(json, k);
        }

        return mask | StringStops16(json, json.Length - Vector128<byte>.Count);
    }

    /// <summary>A bit per byte of the 64 in <paramref name="block"/> (bit 0 the first): set for a string stop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong StringStops(ReadOnlySpan<byte> block)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.Create(block);
            return (Vector512.Equals(v, Vector512.Create((byte)'"'))
                | Vector512.Equals(v, Vector512.Create((byte)'\\'))
                | Vector512.LessThan(v, Vector512.Create((byte)0x20))).ExtractMostSignificantBits();
        }

        return StringStopsBy16(block);
    }

    /// <summary><see cref="StringStops"/> sixteen bytes at a time (where 64-byte vectors are not accelerated).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong StringStopsBy16(ReadOnlySpan<byte> block)
    {
        var mask = 0UL;
        for (var k = 0; k < WindowBytes; k += Vector128<byte>.Count)
        {
            mask |= StringStops16(block, k);
        }

        return mask;
    }

    /// <summary>The string stops of the sixteen bytes at <paramref name="k"/>, as bits <paramref name="k"/> up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong StringStops16(ReadOnlySpan<byte> bytes, int k)
    {
        var v = Vector128.Create(bytes.Slice(k, Vector128<byte>.Count));
        var found = Vector128.Equals(v, Vector128.Create((byte)'"'))
            | Vector128.Equals(v, Vector128.Create((byte)'\\'))
            | Vector128.LessThan(v, Vector128.Create((byte)0x20));
        return (ulong)found.ExtractMostSignificantBits() << k;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsHex(byte c) => (uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 'f' - 'a';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    /// <summary>Scans a number from <paramref name="i"/>: <c>-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</c>.
    /// What follows it is checked by the caller, as after any value (so <c>01</c> fails at the <c>1</c>).</summary>
    /// <returns>The offset after the number, or the complement of the offset of the first bad byte; with
    /// <paramref name="integerSyntax"/>, whether it has neither fraction nor exponent.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ScanNumber(ReadOnlySpan<byte> json, int i, out bool integerSyntax)
    {
        integerSyntax = false;
        if (json[i] == (byte)'-')
        {
            i++;
        }

        var c = At(json, i);
        if (c == (byte)'0')
        {
            i++;
        }
        else if (IsDigit(c))
        {
            i = Digits(json, i + 1);
        }
        else
        {
            return ~i;
        }

        c = At(json, i);
        if (c != (byte)'.' && (c | 0x20) != (byte)'e')
        {
            integerSyntax = true;
            return i;
        }

        if (c == (byte)'.')
        {
            if (!IsDigit(At(json, ++i)))
            {
                return ~i;
            }

            i = Digits(json, i + 1);
            c = At(json, i);
        }

        if ((c | 0x20) == (byte)'e')
        {
            c = At(json, ++i);
            if (c is (byte)'+' or (byte)'-')
            {
                c = At(json, ++i);
            }

            if (!IsDigit(c))
            {
                return ~i;
            }

            i = Digits(json, i + 1);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digits(ReadOnlySpan<byte> json, int i)
    {
        while ((uint)i < (uint)json.Length && IsDigit(json[i]))
        {
            i++;
        }

        return i;
    }
}
