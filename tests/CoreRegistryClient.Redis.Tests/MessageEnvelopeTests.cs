using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CoreRegistryClient.Redis.Tests;

public class MessageEnvelopeTests
{
    private static readonly byte[] Payload = "{\"coordinator_id\":\"store-1\",\"queue_size\":10,\"capacity\":100,\"level\":\"ok\",\"ts\":1.5}"u8.ToArray();

    [Test]
    public void Envelope_serialises_in_the_platform_shape_and_parses_back()
    {
        var envelope = MessageEnvelope.Create("telemetry.FeedbackEvent", Payload, key: "store-1", track: "v1", headers: new Dictionary<string, string> { ["source"] = "store" });
        var json = envelope.ToUtf8Bytes();
        using var document = JsonDocument.Parse(json);
        var parsed = MessageEnvelope.Parse(json);
        Assert.Multiple(() =>
        {
            Assert.That(document.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "key", "ts", "meta", "payload" }));
            Assert.That(document.RootElement.GetProperty("meta").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "schema_id", "track", "headers", "hash" }));
            Assert.That((parsed.Id, parsed.Key, parsed.Meta.SchemaId, parsed.Meta.Track, parsed.Meta.Headers!["source"]), Is.EqualTo((envelope.Id, "store-1", "telemetry.FeedbackEvent", "v1", "store")));
            Assert.That(parsed.Meta.Hash, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Payload))));
            Assert.That(parsed.Payload.GetRawText(), Is.EqualTo(Encoding.UTF8.GetString(Payload)));
            Assert.That(parsed.Ts, Is.GreaterThan(1_600_000_000));
        });
    }

    [Test]
    public void Hash_matches_the_payload_bytes_on_the_wire_even_where_a_writer_would_escape_them()
    {
        // '+' and non-ASCII text are what a re-encoding Utf8JsonWriter escapes differently.
        var payload = Encoding.UTF8.GetBytes("{\"detected_at\":\"2026-11-22T00:00:00+00:00\",\"source\":\"Zürich\"}");
        var wire = MessageEnvelope.Create("telemetry.schema_drift", payload).ToUtf8Bytes();
        using var document = JsonDocument.Parse(wire);
        var onWire = Encoding.UTF8.GetBytes(document.RootElement.GetProperty("payload").GetRawText());
        Assert.That(document.RootElement.GetProperty("meta").GetProperty("hash").GetString(),
            Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(onWire))));
    }

    [TestCase("", "no 'data' field")]
    [TestCase("not json", "not valid JSON")]
    [TestCase("[1,2]", "JSON Array, not an object")]
    [TestCase("{\"id\":\"1\",\"payload\":{}}", "'meta' is missing")]
    [TestCase("{\"id\":\"1\",\"meta\":{},\"payload\":{}}", "'schema_id' is missing")]
    [TestCase("{\"id\":1,\"meta\":{\"schema_id\":\"s\"},\"payload\":{}}", "'id' is missing or not a JSON String")]
    [TestCase("{\"id\":\"1\",\"meta\":{\"schema_id\":\"s\"}}", "no 'payload'")]
    public void Malformed_envelope_is_a_typed_error_with_a_dead_letter_reason(string data, string reason)
    {
        var error = Assert.Throws<MalformedEnvelopeException>(() => MessageEnvelope.Parse(Encoding.UTF8.GetBytes(data)));
        Assert.That(error!.Message, Does.Contain(reason));
    }

    [Test]
    public void Invalid_utf8_is_a_malformed_envelope_not_a_crash()
    {
        byte[] data = [.. "{\"id\":\""u8.ToArray(), 0xC3, 0x28, .. "\",\"meta\":{\"schema_id\":\"s\"},\"payload\":{}}"u8.ToArray()];
        Assert.That(() => MessageEnvelope.Parse(data), Throws.TypeOf<MalformedEnvelopeException>().With.Message.Contains("invalid UTF-8"));
    }
}
