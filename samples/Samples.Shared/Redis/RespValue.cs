using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CoreRegistryClient.Samples.Redis;

/// <summary>One parsed RESP2 reply. Accessors throw <see cref="RespProtocolException"/> when the reply
/// does not have the shape a command documents, so a surprising server fails loudly instead of silently.</summary>
public sealed class RespValue
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly string? _text;
    private readonly byte[]? _bytes;
    private readonly IReadOnlyList<RespValue>? _items;

    private RespValue(RespType type, string? text, byte[]? bytes, long integer, IReadOnlyList<RespValue>? items)
    {
        Type = type;
        _text = text;
        _bytes = bytes;
        Integer = integer;
        _items = items;
    }

    /// <summary>The reply type.</summary>
    public RespType Type { get; }

    /// <summary>The value of an <see cref="RespType.Integer"/> reply (0 otherwise).</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "RESP's own name for the reply type.")]
    public long Integer { get; }

    /// <summary>True for a null bulk string (<c>$-1</c>) or a null array (<c>*-1</c>).</summary>
    public bool IsNull => Type switch
    {
        RespType.BulkString => _bytes is null,
        RespType.Array => _items is null,
        _ => false,
    };

    /// <summary>Raw bytes of a bulk string (empty for null).</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>Items of an array reply (empty for a null array or a non-array).</summary>
    public IReadOnlyList<RespValue> Items => _items ?? [];

    internal static RespValue SimpleString(string text) => new(RespType.SimpleString, text, null, 0, null);

    internal static RespValue Error(string text) => new(RespType.Error, text, null, 0, null);

    internal static RespValue FromInteger(long value) => new(RespType.Integer, null, null, value, null);

    internal static RespValue Bulk(byte[]? bytes) => new(RespType.BulkString, null, bytes, 0, null);

    internal static RespValue FromArray(IReadOnlyList<RespValue>? items) => new(RespType.Array, null, null, 0, items);

    /// <summary>Text of a simple string, error or bulk string; null for a null bulk string.</summary>
    /// <exception cref="RespProtocolException">The reply is an integer or array, or a bulk string is not UTF-8.</exception>
    public string? AsString()
    {
        switch (Type)
        {
            case RespType.SimpleString:
            case RespType.Error:
                return _text;
            case RespType.BulkString:
                if (_bytes is null)
                {
                    return null;
                }

                try
                {
                    return StrictUtf8.GetString(_bytes);
                }
                catch (DecoderFallbackException e)
                {
                    throw new RespProtocolException("Bulk string is not valid UTF-8 where text was expected.", e);
                }

            default:
                throw new RespProtocolException($"Expected a string reply but got {Type}.");
        }
    }

    /// <summary>Like <see cref="AsString"/> but a null reply is a protocol error.</summary>
    public string AsRequiredString() =>
        AsString() ?? throw new RespProtocolException("Expected a string reply but got a null bulk string.");

    /// <summary>The integer of an integer reply, or a bulk/simple string holding an integer (XPENDING does that).</summary>
    public long AsInteger()
    {
        if (Type == RespType.Integer)
        {
            return Integer;
        }

        var text = Type is RespType.BulkString or RespType.SimpleString ? AsString() : null;
        return text is not null && long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new RespProtocolException($"Expected an integer reply but got {Type}.");
    }

    /// <summary>The items of a non-null array reply.</summary>
    public IReadOnlyList<RespValue> AsArray() =>
        Type == RespType.Array && _items is not null
            ? _items
            : throw new RespProtocolException($"Expected an array reply but got {(IsNull ? "a null " : string.Empty)}{Type}.");

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        RespType.Integer => $":{Integer}",
        RespType.Array => IsNull ? "*-1" : $"*{Items.Count}",
        RespType.BulkString => IsNull ? "$-1" : $"${_bytes!.Length}",
        RespType.Error => $"-{_text}",
        _ => $"+{_text}",
    };
}
