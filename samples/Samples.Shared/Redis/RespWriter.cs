using System.Buffers;
using System.Globalization;
using System.Text;

namespace CoreRegistryClient.Samples.Redis;

/// <summary>Encodes commands the way every Redis client sends them: an array of bulk strings
/// (<c>*N\r\n$len\r\narg\r\n...</c>), which is binary-safe for any argument.</summary>
public static class RespWriter
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();

    /// <summary>Writes <paramref name="command"/> to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, RespCommand command)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(command);
        WriteHeader(output, '*', command.Arguments.Count);
        foreach (var argument in command.Arguments)
        {
            WriteHeader(output, '$', argument.Length);
            output.Write(argument.Span);
            output.Write(Crlf);
        }
    }

    /// <summary>Encodes <paramref name="command"/> into a new array.</summary>
    public static byte[] Encode(RespCommand command)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, command);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteHeader(IBufferWriter<byte> output, char prefix, int length)
    {
        var header = string.Create(CultureInfo.InvariantCulture, $"{prefix}{length}\r\n");
        output.Write(Encoding.ASCII.GetBytes(header));
    }
}
