using System.Text;
using CoreRegistryClient.Samples.Redis;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.Redis;

public class RespReaderTests
{
    private static Task<RespValue> Parse(string wire, int chunk = int.MaxValue, int maxBulk = RespReader.DefaultMaxBulkLength, int maxDepth = RespReader.DefaultMaxDepth) =>
        Parse(Encoding.UTF8.GetBytes(wire), chunk, maxBulk, maxDepth);

    private static async Task<RespValue> Parse(byte[] wire, int chunk = int.MaxValue, int maxBulk = RespReader.DefaultMaxBulkLength, int maxDepth = RespReader.DefaultMaxDepth) =>
        await new RespReader(new ChunkedStream(wire, chunk), maxBulk, maxDepth: maxDepth).ReadAsync();

    [Test]
    public async Task Simple_string_is_read_as_text()
    {
        var value = await Parse("+OK\r\n");
        Assert.That((value.Type, value.AsString()), Is.EqualTo((RespType.SimpleString, "OK")));
    }

    [Test]
    public async Task Error_reply_keeps_its_full_text()
    {
        var value = await Parse("-BUSYGROUP Consumer Group name already exists\r\n");
        Assert.That((value.Type, value.AsString()), Is.EqualTo((RespType.Error, "BUSYGROUP Consumer Group name already exists")));
    }

    [TestCase(":0\r\n", 0L)]
    [TestCase(":-17\r\n", -17L)]
    [TestCase(":9223372036854775807\r\n", long.MaxValue)]
    public async Task Integer_reply_is_parsed(string wire, long expected) =>
        Assert.That((await Parse(wire)).AsInteger(), Is.EqualTo(expected));

    [Test]
    public async Task Bulk_string_is_binary_safe_including_crlf_inside()
    {
        var value = await Parse("$6\r\na\r\nb\0c\r\n");
        Assert.That(value.Bytes.ToArray(), Is.EqualTo("a\r\nb\0c"u8.ToArray()));
    }

    [Test]
    public async Task Null_bulk_string_and_null_array_are_null()
    {
        var bulk = await Parse("$-1\r\n");
        var array = await Parse("*-1\r\n");
        Assert.Multiple(() =>
        {
            Assert.That(bulk.IsNull && bulk.AsString() is null, Is.True);
            Assert.That(array.IsNull && array.Items.Count == 0, Is.True);
        });
    }

    [Test]
    public async Task Empty_bulk_string_is_not_null()
    {
        var value = await Parse("$0\r\n\r\n");
        Assert.That((value.IsNull, value.AsString()), Is.EqualTo((false, string.Empty)));
    }

    [Test]
    public async Task Nested_arrays_of_a_stream_reply_are_read_in_order()
    {
        const string Wire = "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$4\r\ndata\r\n$2\r\n{}\r\n";
        var value = await Parse(Wire);
        var entry = value.AsArray()[0].AsArray()[1].AsArray()[0].AsArray();
        Assert.That(new[] { entry[0].AsString(), entry[1].AsArray()[0].AsString(), entry[1].AsArray()[1].AsString() }, Is.EqualTo(new[] { "1-0", "data", "{}" }));
    }

    [Test]
    public async Task Reply_split_into_single_bytes_parses_the_same()
    {
        const string Wire = "*3\r\n:1\r\n$5\r\nhello\r\n+OK\r\n";
        var value = await Parse(Wire, chunk: 1);
        Assert.That(value.AsArray().Select(v => v.ToString()), Is.EqualTo(new[] { ":1", "$5", "+OK" }));
    }

    [Test]
    public async Task Bulk_string_larger_than_the_read_buffer_is_read_whole()
    {
        var payload = new byte[100_000];
        new Random(7).NextBytes(payload);
        var wire = Encoding.ASCII.GetBytes($"${payload.Length}\r\n").Concat(payload).Concat("\r\n"u8.ToArray()).ToArray();
        var value = await Parse(wire, chunk: 4096);
        Assert.That(value.Bytes.ToArray(), Is.EqualTo(payload));
    }

    [Test]
    public async Task Consecutive_replies_on_one_stream_are_read_one_at_a_time()
    {
        var reader = new RespReader(new ChunkedStream("+A\r\n:2\r\n$1\r\nC\r\n"u8.ToArray(), 3));
        var values = new[] { await reader.ReadAsync(), await reader.ReadAsync(), await reader.ReadAsync() };
        Assert.That(values.Select(v => v.ToString()), Is.EqualTo(new[] { "+A", ":2", "$1" }));
    }

    [Test]
    public void Clean_end_of_stream_before_a_reply_is_end_of_stream() =>
        Assert.ThrowsAsync<EndOfStreamException>(() => Parse(string.Empty));

    [TestCase("!3\r\nabc\r\n", "Unknown RESP type byte 0x21")]
    [TestCase("+OK\n", "LF but not CRLF")]
    [TestCase("\r\n", "Empty line")]
    [TestCase(":12a\r\n", "Invalid integer")]
    [TestCase(":\r\n", "Invalid integer")]
    [TestCase(": 1\r\n", "Invalid integer")]
    [TestCase(":99999999999999999999\r\n", "Invalid integer")]
    [TestCase(":9223372036854775808\r\n", "overflows")]
    [TestCase("$abc\r\n", "Invalid bulk length")]
    [TestCase("$-2\r\n", "Bulk length -2 is outside")]
    [TestCase("$3\r\nabcd\r\n", "not followed by CRLF")]
    [TestCase("$5\r\nab", "ended in the middle of a bulk string")]
    [TestCase("$2\r\nab", "ended before the CRLF")]
    [TestCase("*2\r\n:1\r\n", "ended in the middle of a reply")]
    [TestCase("*-5\r\n", "Array length -5 is outside")]
    [TestCase("+OK", "ended in the middle of a reply")]
    public void Malformed_input_is_a_protocol_error_with_a_clear_reason(string wire, string reason)
    {
        var error = Assert.ThrowsAsync<RespProtocolException>(() => Parse(wire, chunk: 2));
        Assert.That(error!.Message, Does.Contain(reason));
    }

    [Test]
    public void Bulk_string_over_the_limit_is_refused_before_reading_it()
    {
        var error = Assert.ThrowsAsync<RespProtocolException>(() => Parse("$1000\r\n", maxBulk: 999));
        Assert.That(error!.Message, Does.Contain("Bulk length 1000 is outside 0..999"));
    }

    [Test]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var wire = string.Concat(Enumerable.Repeat("*1\r\n", 10)) + ":1\r\n";
        var error = Assert.ThrowsAsync<RespProtocolException>(() => Parse(wire, maxDepth: 5));
        Assert.That(error!.Message, Does.Contain("deeper than 5"));
    }

    [Test]
    public void Line_without_crlf_that_fills_the_buffer_is_refused()
    {
        var wire = "+" + new string('x', 20_000) + "\r\n";
        var error = Assert.ThrowsAsync<RespProtocolException>(() => Parse(wire));
        Assert.That(error!.Message, Does.Contain("No CRLF within"));
    }

    [Test]
    public async Task Accessor_for_the_wrong_shape_is_a_protocol_error()
    {
        var integer = await Parse(":5\r\n");
        var nullArray = await Parse("*-1\r\n");
        var notUtf8 = await Parse(new byte[] { (byte)'$', (byte)'1', 13, 10, 0xFF, 13, 10 });
        Assert.Multiple(() =>
        {
            Assert.Throws<RespProtocolException>(() => integer.AsArray());
            Assert.Throws<RespProtocolException>(() => integer.AsString());
            Assert.Throws<RespProtocolException>(() => nullArray.AsArray());
            Assert.That(() => notUtf8.AsString(), Throws.TypeOf<RespProtocolException>().With.Message.Contains("UTF-8"));
            Assert.That(notUtf8.Bytes.ToArray(), Is.EqualTo(new byte[] { 0xFF }));
        });
    }
}
