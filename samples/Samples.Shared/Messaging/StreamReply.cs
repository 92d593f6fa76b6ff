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
            var entry = entries[i];
            var data = RedisValue.Null;
            foreach (var field in entry.Values)
            {
                if (IsDataField(field.Name))
                {
                    data = field.Value;
                    break;
                }
            }

            messages[i] = Message(stream, entry.Id, data);
        }

        return messages;
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
                        if (IsDataField((RedisValue)fields[i]))
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

    private static BusMessage Message(string stream, RedisValue id, RedisValue data) =>
        new(stream, id.ToString(), data.IsNull ? ReadOnlyMemory<byte>.Empty : (ReadOnlyMemory<byte>)data, 1);

    private static bool IsDataField(RedisValue name)
    {
        Span<byte> bytes = stackalloc byte[DataField.Length];
        return name.GetByteCount() == DataField.Length && name.CopyTo(bytes) == DataField.Length && bytes.SequenceEqual(DataField);
    }
}
