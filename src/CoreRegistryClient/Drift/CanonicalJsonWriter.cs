using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace CoreRegistryClient.Drift;

/// <summary>Writes a parsed JSON value in a canonical form, a pooled chunk at a time, into a running hash or a
/// buffer writer; the whole canonical document never exists as one string.</summary>
internal sealed partial class CanonicalJsonWriter : IDisposable
{
    /// <summary>The deepest nesting accepted (also used when parsing).</summary>
    public const int MaxDepth = 256;

    private const int ChunkSize = 4096;

    private readonly bool _python;
    private readonly IncrementalHash? _hash;
    private readonly IBufferWriter<byte>? _output;
    private readonly PropertyNameOrder _order;
    private byte[] _chunk;
    private int _used;

    private CanonicalJsonWriter(CanonicalForm form, IncrementalHash? hash, IBufferWriter<byte>? output)
    {
        _python = form == CanonicalForm.Python;
        _hash = hash;
        _output = output;
        _order = new PropertyNameOrder(byCodePoint: _python);
        _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
    }

    /// <summary>A writer feeding <paramref name="hash"/>.</summary>
    public static CanonicalJsonWriter ToHash(CanonicalForm form, IncrementalHash hash) => new(form, hash, null);

    /// <summary>A writer feeding <paramref name="output"/>.</summary>
    public static CanonicalJsonWriter ToBuffer(CanonicalForm form, IBufferWriter<byte> output) => new(form, null, output);

    /// <summary>Writes the canonical form of <paramref name="value"/> and flushes it.</summary>
    /// <exception cref="CanonicalJsonException">The value cannot be canonicalised.</exception>
    public void Write(JsonElement value)
    {
        WriteValue(value, 0);
        Flush();
    }

    public void Dispose()
    {
        if (_chunk.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_chunk);
            _chunk = [];
        }
    }

    private void WriteValue(JsonElement value, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(value, depth + 1);
                break;
            case JsonValueKind.Array:
                WriteArray(value, depth + 1);
                break;
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(value);
                WriteString(raw[1..^1]);
                break;
            case JsonValueKind.Number:
                WriteNumber(JsonMarshal.GetRawUtf8Value(value));
                break;
            case JsonValueKind.True:
                Append("true"u8);
                break;
            case JsonValueKind.False:
                Append("false"u8);
                break;
            case JsonValueKind.Null:
                Append("null"u8);
                break;
            default:
                throw new CanonicalJsonException($"A JSON value of kind {value.ValueKind} cannot be canonicalised.", CanonicalJsonErrorKind.MalformedJson);
        }
    }

    private void WriteArray(JsonElement array, int depth)
    {
        CheckDepth(depth);
        Append((byte)'[');
        var first = true;
        foreach (var item in array.EnumerateArray())
        {
            if (!first)
            {
                Append(_python ? ", "u8 : ","u8);
            }

            first = false;
            WriteValue(item, depth);
        }

        Append((byte)']');
    }

    private void WriteObject(JsonElement obj, int depth)
    {
        CheckDepth(depth);
        var count = obj.GetPropertyCount();
        if (count == 0)
        {
            Append("{}"u8);
            return;
        }

        var members = ArrayPool<CanonicalMember>.Shared.Rent(count);
        char[]? names = null;
        try
        {
            var nameChars = 0;
            var n = 0;
            foreach (var property in obj.EnumerateObject())
            {
                nameChars += JsonMarshal.GetRawUtf8PropertyName(property).Length;
                members[n++] = new CanonicalMember { Position = n, Property = property };
            }

            names = ArrayPool<char>.Shared.Rent(Math.Max(nameChars, 1));
            var used = 0;
            for (var i = 0; i < n; i++)
            {
                var length = JsonStringText.DecodeUtf16(JsonMarshal.GetRawUtf8PropertyName(members[i].Property), names.AsSpan(used));
                members[i].NameStart = used;
                members[i].NameLength = length;
                used += length;
            }

            _order.Names = names;
            Array.Sort(members, 0, n, _order);
            var kept = RemoveDuplicates(members, n);

            // Names are compared only up to here: writing the values re-enters this method with other buffers.
            Append((byte)'{');
            for (var i = 0; i < kept; i++)
            {
                if (i > 0)
                {
                    Append(_python ? ", "u8 : ","u8);
                }

                WriteString(JsonMarshal.GetRawUtf8PropertyName(members[i].Property));
                Append(_python ? ": "u8 : ":"u8);
                WriteValue(members[i].Property.Value, depth);
            }

            Append((byte)'}');
        }
        finally
        {
            ArrayPool<CanonicalMember>.Shared.Return(members, clearArray: true);
            if (names is not null)
            {
                ArrayPool<char>.Shared.Return(names);
            }
        }
    }

    /// <summary>Drops all but the last of each run of equal names (Python's dict keeps the last value), or refuses
    /// duplicates under RFC 8785. Returns how many members remain at the front of <paramref name="members"/>.</summary>
    private int RemoveDuplicates(CanonicalMember[] members, int count)
    {
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            if (i + 1 < count && _order.CompareNames(members[i], members[i + 1]) == 0)
            {
                if (!_python)
                {
                    throw new CanonicalJsonException("An object has the same member name twice; RFC 8785 requires unique names.", CanonicalJsonErrorKind.DuplicateKey);
                }

                continue;
            }

            members[kept++] = members[i];
        }

        return kept;
    }

    private static void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new CanonicalJsonException($"The document nests deeper than {MaxDepth} levels.", CanonicalJsonErrorKind.TooDeep);
        }
    }

    private void WriteNumber(ReadOnlySpan<byte> raw)
    {
        var span = Reserve(Math.Max(EcmaScriptNumberFormatter.MaxLength, raw.Length));
        if (_python && raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            // Python parses an integer token as an int of any size and writes it back digit for digit; "-0" is 0.
            if (raw[0] == (byte)'-' && raw.Length == 2 && raw[1] == (byte)'0')
            {
                raw = raw[1..];
            }

            raw.CopyTo(span);
            _used += raw.Length;
            return;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new CanonicalJsonException("A number could not be read.", CanonicalJsonErrorKind.MalformedJson);
        }

        if (_python)
        {
            _used += PythonFloatFormatter.Format(value, span);
            return;
        }

        if (!double.IsFinite(value))
        {
            throw new CanonicalJsonException("A number is too large for an IEEE-754 double; RFC 8785 allows finite numbers only.", CanonicalJsonErrorKind.NonFiniteNumber);
        }

        _used += EcmaScriptNumberFormatter.Format(value, span);
    }

    private void Append(byte b)
    {
        if (_used == _chunk.Length)
        {
            Flush();
        }

        _chunk[_used++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            if (_used == _chunk.Length)
            {
                Flush();
            }

            var n = Math.Min(bytes.Length, _chunk.Length - _used);
            bytes[..n].CopyTo(_chunk.AsSpan(_used));
            _used += n;
            bytes = bytes[n..];
        }
    }

    /// <summary>Room for at least <paramref name="size"/> bytes at the end of the chunk; the caller advances <see cref="_used"/>.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_chunk.Length - _used < size)
        {
            Flush();
            if (_chunk.Length < size)
            {
                ArrayPool<byte>.Shared.Return(_chunk);
                _chunk = ArrayPool<byte>.Shared.Rent(size);
            }
        }

        return _chunk.AsSpan(_used);
    }

    private void Flush()
    {
        if (_used == 0)
        {
            return;
        }

        var data = _chunk.AsSpan(0, _used);
        if (_hash is not null)
        {
            _hash.AppendData(data);
        }
        else
        {
            _output!.Write(data);
        }

        _used = 0;
    }
}
