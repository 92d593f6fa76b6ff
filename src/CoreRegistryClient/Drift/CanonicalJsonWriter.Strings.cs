using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace CoreRegistryClient.Drift;

/// <summary>String output of the two canonical forms.</summary>
internal sealed partial class CanonicalJsonWriter
{
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>Bytes of a raw JSON string that Python's ensure_ascii output cannot copy: the escape character,
    /// DEL and everything non-ASCII (raw controls and quotes cannot occur inside a parsed string).</summary>
    private static readonly SearchValues<byte> PythonSpecialBytes = SearchValues.Create([(byte)'\\', .. Enumerable.Range(0x7F, 0x81).Select(b => (byte)b)]);

    private void WriteString(ReadOnlySpan<byte> raw)
    {
        Append((byte)'"');
        if (_python)
        {
            WritePythonStringContent(raw);
        }
        else
        {
            WriteJcsStringContent(raw);
        }

        Append((byte)'"');
    }

    // RFC 8785 §3.2.2.2: UTF-8 as is; only '"', '\\' and C0 controls escaped (\b \t \n \f \r short, others \u00xx).
    private void WriteJcsStringContent(ReadOnlySpan<byte> raw)
    {
        var i = 0;
        while (i < raw.Length)
        {
            var next = raw[i..].IndexOf((byte)'\\');
            var literal = next < 0 ? raw[i..] : raw.Slice(i, next);
            // The parser guarantees no raw controls but leaves UTF-8 validation to whoever decodes the string.
            if (!Utf8.IsValid(literal))
            {
                throw JsonStringText.InvalidUtf8();
            }

            Append(literal);
            i += literal.Length;
            if (next < 0)
            {
                break;
            }

            var c = JsonStringText.ReadEscape(raw, ref i);
            if (char.IsHighSurrogate(c) && JsonStringText.IsEscapedLowSurrogate(raw, i))
            {
                var low = JsonStringText.ReadEscape(raw, ref i);
                var rune = new Rune(c, low);
                var span = Reserve(4);
                _used += rune.EncodeToUtf8(span);
            }
            else if (char.IsSurrogate(c))
            {
                throw new CanonicalJsonException("A string holds an unpaired UTF-16 surrogate; RFC 8785 cannot represent it.", CanonicalJsonErrorKind.LoneSurrogate);
            }
            else
            {
                WriteJcsChar(c);
            }
        }
    }

    private void WriteJcsChar(char c)
    {
        if (TryAppendShortEscape(c))
        {
            return;
        }

        switch (c)
        {
            case < ' ': AppendUnicodeEscape(c); break;
            default:
                var span = Reserve(3);
                _used += new Rune(c).EncodeToUtf8(span);
                break;
        }
    }

    // Python's ensure_ascii: printable ASCII as is, the usual short escapes, everything else \uxxxx per UTF-16 unit.
    private void WritePythonStringContent(ReadOnlySpan<byte> raw)
    {
        Span<char> units = stackalloc char[2];
        var i = 0;
        while (i < raw.Length)
        {
            // Printable ASCII runs go out as they are; only escapes and non-ASCII need work.
            var next = raw[i..].IndexOfAny(PythonSpecialBytes);
            var literal = next < 0 ? raw[i..] : raw.Slice(i, next);
            Append(literal);
            i += literal.Length;
            if (next < 0)
            {
                break;
            }

            if (raw[i] == (byte)'\\')
            {
                WritePythonChar(JsonStringText.ReadEscape(raw, ref i));
                continue;
            }

            if (raw[i] == 0x7F)
            {
                AppendUnicodeEscape((char)0x7F);
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf8(raw[i..], out var rune, out var consumed) != OperationStatus.Done)
            {
                throw JsonStringText.InvalidUtf8();
            }

            i += consumed;
            var count = rune.EncodeToUtf16(units);
            for (var u = 0; u < count; u++)
            {
                AppendUnicodeEscape(units[u]);
            }
        }
    }

    private void WritePythonChar(char c)
    {
        if (TryAppendShortEscape(c))
        {
            return;
        }

        switch (c)
        {
            case >= ' ' and <= '~': Append((byte)c); break;
            default: AppendUnicodeEscape(c); break;
        }
    }

    /// <summary>The two-character escapes JCS and Python's <c>json.dumps</c> share; false for any other char.</summary>
    private bool TryAppendShortEscape(char c)
    {
        switch (c)
        {
            case '"': Append("\\\""u8); break;
            case '\\': Append("\\\\"u8); break;
            case '\b': Append("\\b"u8); break;
            case '\t': Append("\\t"u8); break;
            case '\n': Append("\\n"u8); break;
            case '\f': Append("\\f"u8); break;
            case '\r': Append("\\r"u8); break;
            default: return false;
        }

        return true;
    }

    private void AppendUnicodeEscape(char c)
    {
        var span = Reserve(6);
        span[0] = (byte)'\\';
        span[1] = (byte)'u';
        span[2] = HexDigits[(c >> 12) & 0xF];
        span[3] = HexDigits[(c >> 8) & 0xF];
        span[4] = HexDigits[(c >> 4) & 0xF];
        span[5] = HexDigits[c & 0xF];
        _used += 6;
    }
}
