using System.Text;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>
/// Turns an <c>XREADGROUP</c> reply into <see cref="BusMessage"/>s, from either shape StackExchange.Redis hands back:
/// its typed <see cref="StreamEntry"/> array, or the raw <see cref="RedisResult"/> tree of <c>ExecuteAsync</c>.
/// </summary>
/// <remarks>Per entry this allocates the id string and the message: the field name is compared as bytes (a
/// <see cref="RedisValue"/> compared with a string is turned into a string first), and the value's bytes are taken as
/// StackExchange.Redis received them (a value longer than 8 bytes is a <c>byte[]</c> that the
/// <see cref="ReadOnlyMemory{T}"/> conversion wraps without copying; only values of up to 8 bytes, which the client
/// keeps inline, are copied to an array).</remarks>
internal static class StreamReply
{
    private static readonly byte[] DataField = Encoding.UTF8.GetBytes(StreamNames.DataField);

    /// <summary>The messages of a typed reply for one stream.</summary>
    public static BusMessage[] Messages(string stream, StreamEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return [];
        }

        var messages = new BusMessage[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            messages[i] = new BusMessage(stream, entries[i].Id.ToString(), Data(entries[i]), 1);
        }

        return messages;
    }

    /// <summary>The bytes of <paramref name="entry"/>'s data field as received (empty when it has none).</summary>
    public static ReadOnlyMemory<byte> Data(StreamEntry entry) => Field(entry, DataField) ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The bytes of the field named <paramref name="name"/> (UTF-8) as received, or null when the entry has no
    /// such field.</summary>
    public static ReadOnlyMemory<byte>? Field(StreamEntry entry, ReadOnlySpan<byte> name)
    {
        foreach (var field in entry.Values)
        {
            if (NameIs(field.Name, name))
            {
                return Bytes(field.Value);
            }
        }

        return null;
    }

    /// <summary>The messages of a raw RESP2 reply, <c>[[stream, [[id, [field, value, …]], …]], …]</c> or nil.</summary>
    public static BusMessage[] Messages(string stream, RedisResult reply)
    {
        if (reply.IsNull)
        {
            return [];
        }

        var messages = new List<BusMessage>();
        foreach (var streamReply in (RedisResult[])reply!)
        {
            foreach (var entry in (RedisResult[])((RedisResult[])streamReply!)[1]!)
            {
                var pair = (RedisResult[])entry!;
                var data = RedisValue.Null;
                if (!pair[1].IsNull)
                {
                    var fields = (RedisResult[])pair[1]!;
                    for (var i = 0; i + 1 < fields.Length; i += 2)
                    {
                        if (NameIs((RedisValue)fields[i], DataField))
                        {
                            data = (RedisValue)fields[i + 1];
                            break;
                        }
                    }
                }

                messages.Add(Message(stream, (RedisValue)pair[0], data));
            }
        }

        return [.. messages];
    }

    private static BusMessage Message(string stream, RedisValue id, RedisValue data) => new(stream, id.ToString(), Bytes(data), 1);

    private static ReadOnlyMemory<byte> Bytes(RedisValue value) => value.IsNull ? ReadOnlyMemory<byte>.Empty : (ReadOnlyMemory<byte>)value;

    private static bool NameIs(RedisValue value, ReadOnlySpan<byte> name)
    {
        if (value.GetByteCount() != name.Length)
        {
            return false;
        }

        Span<byte> bytes = name.Length <= 256 ? stackalloc byte[name.Length] : new byte[name.Length];
        return value.CopyTo(bytes) == name.Length && bytes.SequenceEqual(name);
    }
}
