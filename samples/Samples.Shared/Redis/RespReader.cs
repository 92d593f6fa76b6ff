using System.Globalization;
using System.Text;

namespace CoreRegistryClient.Samples.Redis;

/// <summary>Parses RESP2 replies from a stream. Every length on the wire is bounded (line length, bulk size,
/// array size, nesting depth), so a hostile or broken peer produces a <see cref="RespProtocolException"/>
/// instead of an out-of-memory or a stack overflow.</summary>
public sealed class RespReader
{
    /// <summary>Largest bulk string accepted by default (64 MiB; Redis itself allows 512 MiB).</summary>
    public const int DefaultMaxBulkLength = 64 * 1024 * 1024;

    /// <summary>Most array items accepted by default.</summary>
    public const int DefaultMaxArrayLength = 1_000_000;

    /// <summary>Deepest nesting of arrays accepted by default (stream replies nest four deep).</summary>
    public const int DefaultMaxDepth = 32;

    // Simple strings, errors and length headers are short; a line that does not fit the buffer is not a Redis reply.
    private const int BufferSize = 16 * 1024;

    private static readonly Encoding LenientUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private readonly int _maxBulkLength;
    private readonly int _maxArrayLength;
    private readonly int _maxDepth;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;

    /// <summary>Creates a reader over <paramref name="stream"/> with the given limits.</summary>
    public RespReader(Stream stream, int maxBulkLength = DefaultMaxBulkLength, int maxArrayLength = DefaultMaxArrayLength, int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBulkLength);
        ArgumentOutOfRangeException.ThrowIfNegative(maxArrayLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        _stream = stream;
        _maxBulkLength = maxBulkLength;
        _maxArrayLength = maxArrayLength;
        _maxDepth = maxDepth;
    }

    /// <summary>Reads one complete reply.</summary>
    /// <exception cref="RespProtocolException">The bytes are not valid RESP2 or exceed a limit, or the stream ended mid-reply.</exception>
    /// <exception cref="EndOfStreamException">The stream ended cleanly before the first byte of a reply.</exception>
    public async ValueTask<RespValue> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_start == _end && await FillAsync(cancellationToken) == 0)
        {
            throw new EndOfStreamException("The server closed the connection.");
        }

        return await ReadValueAsync(depth: 1, cancellationToken);
    }

    private async ValueTask<RespValue> ReadValueAsync(int depth, CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken);
        if (line.Length == 0)
        {
            throw new RespProtocolException("Empty line where a RESP type byte was expected.");
        }

        var type = (char)line[0];
        var body = line.AsMemory(1);
        switch (type)
        {
            case '+':
                return RespValue.SimpleString(LenientUtf8.GetString(body.Span));
            case '-':
                return RespValue.Error(LenientUtf8.GetString(body.Span));
            case ':':
                return RespValue.FromInteger(ParseInteger(body.Span, "integer"));
            case '$':
                {
                    var length = ParseInteger(body.Span, "bulk length");
                    if (length == -1)
                    {
                        return RespValue.Bulk(null);
                    }

                    if (length < 0 || length > _maxBulkLength)
                    {
                        throw new RespProtocolException($"Bulk length {length} is outside 0..{_maxBulkLength}.");
                    }

                    return RespValue.Bulk(await ReadBulkAsync((int)length, cancellationToken));
                }

            case '*':
                {
                    var count = ParseInteger(body.Span, "array length");
                    if (count == -1)
                    {
                        return RespValue.FromArray(null);
                    }

                    if (count < 0 || count > _maxArrayLength)
                    {
                        throw new RespProtocolException($"Array length {count} is outside 0..{_maxArrayLength}.");
                    }

                    if (depth >= _maxDepth && count > 0)
                    {
                        throw new RespProtocolException($"Arrays nest deeper than {_maxDepth} levels.");
                    }

                    var items = new RespValue[count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = await ReadValueAsync(depth + 1, cancellationToken);
                    }

                    return RespValue.FromArray(items);
                }

            default:
                throw new RespProtocolException($"Unknown RESP type byte 0x{line[0]:X2}.");
        }
    }

    private static long ParseInteger(ReadOnlySpan<byte> digits, string what)
    {
        // Strict: an optional '-' and decimal digits only, no spaces, no '+', no overflow.
        var negative = digits.Length > 0 && digits[0] == (byte)'-';
        var span = negative ? digits[1..] : digits;
        if (span.Length is 0 or > 19)
        {
            throw new RespProtocolException($"Invalid {what}: '{LenientUtf8.GetString(digits)}'.");
        }

        foreach (var b in span)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                throw new RespProtocolException($"Invalid {what}: '{LenientUtf8.GetString(digits)}'.");
            }
        }

        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new RespProtocolException($"Invalid {what}: '{LenientUtf8.GetString(digits)}' overflows.");
        }

        return value;
    }

    private async ValueTask<byte[]> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanFrom = _start;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', scanFrom, _end - scanFrom);
            if (newline >= 0)
            {
                if (newline == _start || _buffer[newline - 1] != (byte)'\r')
                {
                    throw new RespProtocolException("Line ends with LF but not CRLF.");
                }

                var line = _buffer.AsSpan(_start, newline - 1 - _start).ToArray();
                _start = newline + 1;
                return line;
            }

            scanFrom = _end;
            var before = _start;
            if (await FillAsync(cancellationToken) == 0)
            {
                throw new RespProtocolException("The stream ended in the middle of a reply.");
            }

            // FillAsync may have compacted the buffer to the front.
            scanFrom -= before - _start;
        }
    }

    private async ValueTask<byte[]> ReadBulkAsync(int length, CancellationToken cancellationToken)
    {
        var result = new byte[length];
        var copied = Math.Min(length, _end - _start);
        _buffer.AsSpan(_start, copied).CopyTo(result);
        _start += copied;
        while (copied < length)
        {
            // Large values go straight from the socket into the result instead of through the buffer.
            var read = await _stream.ReadAsync(result.AsMemory(copied), cancellationToken);
            if (read == 0)
            {
                throw new RespProtocolException("The stream ended in the middle of a bulk string.");
            }

            copied += read;
        }

        while (_end - _start < 2)
        {
            if (await FillAsync(cancellationToken) == 0)
            {
                throw new RespProtocolException("The stream ended before the CRLF after a bulk string.");
            }
        }

        if (_buffer[_start] != (byte)'\r' || _buffer[_start + 1] != (byte)'\n')
        {
            throw new RespProtocolException("Bulk string is not followed by CRLF (length does not match the data).");
        }

        _start += 2;
        return result;
    }

    private async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // Only a line that fills the whole buffer without a CRLF gets here.
            throw new RespProtocolException($"No CRLF within {BufferSize} bytes.");
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read;
    }
}
