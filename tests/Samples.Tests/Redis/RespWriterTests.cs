using System.Text;
using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Tests.Redis;

public class RespWriterTests
{
    [Test]
    public void Command_is_an_array_of_bulk_strings()
    {
        var bytes = RespWriter.Encode(new RespCommand("XLEN").Add("mdp:telemetry.feedback"));
        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo("*2\r\n$4\r\nXLEN\r\n$22\r\nmdp:telemetry.feedback\r\n"));
    }

    [Test]
    public void Binary_and_multibyte_arguments_are_sent_with_their_byte_length()
    {
        var bytes = RespWriter.Encode(new RespCommand("SET").Add("é").Add(new byte[] { 13, 10, 0 }).Add(-5));
        Assert.That(bytes, Is.EqualTo("*4\r\n$3\r\nSET\r\n$2\r\né\r\n$3\r\n\r\n\0\r\n$2\r\n-5\r\n"u8.ToArray()));
    }

    [Test]
    public async Task What_the_writer_encodes_the_reader_parses_back()
    {
        var payload = Encoding.UTF8.GetBytes("{\"a\":\"\\r\\n\"}\r\n");
        var bytes = RespWriter.Encode(new RespCommand("XADD").Add("s").Add("*").Add("data").Add(payload));
        var parsed = await new RespReader(new MemoryStream(bytes)).ReadAsync();
        Assert.That(parsed.AsArray().Select(v => v.AsString()), Is.EqualTo(new[] { "XADD", "s", "*", "data", Encoding.UTF8.GetString(payload) }));
    }
}
