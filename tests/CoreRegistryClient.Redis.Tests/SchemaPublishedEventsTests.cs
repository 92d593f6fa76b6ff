using CoreRegistryClient.Notifications;

namespace CoreRegistryClient.Redis.Tests;

/// <summary>The <c>schema.published</c> wire format: the platform envelope with the event payload.</summary>
public sealed class SchemaPublishedEventsTests
{
    [Test]
    public void An_event_round_trips_through_the_platform_envelope()
    {
        var at = new DateTimeOffset(2026, 12, 5, 6, 0, 0, 123, TimeSpan.Zero);
        var published = new SchemaPublishedNotification("telemetry.FeedbackEvent", "v2", "2.1.0", new string('e', 64), true, at);

        var data = SchemaPublishedEvents.Encode(published);
        var envelope = MessageEnvelope.Parse(data);

        Assert.Multiple(() =>
        {
            Assert.That(SchemaPublishedEvents.Parse(data), Is.EqualTo(published));
            Assert.That(envelope.Meta.SchemaId, Is.EqualTo("schema.published"));
            Assert.That(envelope.Key, Is.EqualTo("telemetry.FeedbackEvent"));
            Assert.That(envelope.Meta.Track, Is.EqualTo("v2"));
            Assert.That(envelope.Ts, Is.EqualTo(at.ToUnixTimeMilliseconds() / 1000.0));
            Assert.That(envelope.Payload.GetRawText(), Is.EqualTo("""{"name":"telemetry.FeedbackEvent","track":"v2","core_version":"2.1.0","sha256":"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee","deprecated":true}"""));
        });
    }

    [Test]
    public void The_stream_is_named_by_namespace()
    {
        Assert.That(SchemaPublishedEvents.StreamName(), Is.EqualTo("mdp:schema.published"));
        Assert.That(SchemaPublishedEvents.StreamName("staging"), Is.EqualTo("staging:schema.published"));
        Assert.Throws<ArgumentException>(() => SchemaPublishedEvents.StreamName(" "));
    }

    [TestCase("""{"name":"x","track":"v1","sha256":"ab"}""", "deprecated")]
    [TestCase("""{"name":"","track":"v1","sha256":"ab","deprecated":false}""", "'name'")]
    [TestCase("""{"name":"x","track":1,"sha256":"ab","deprecated":false}""", "'track'")]
    [TestCase("""{"name":"x","track":"v1","deprecated":false}""", "'sha256'")]
    [TestCase("""["x"]""", "not a JSON object")]
    public void A_payload_missing_a_field_is_malformed_with_the_field_named(string payload, string expected)
    {
        var data = MessageEnvelope.Create(SchemaPublishedEvents.SchemaId, System.Text.Encoding.UTF8.GetBytes(payload)).ToUtf8Bytes();
        Assert.That(() => SchemaPublishedEvents.Parse(data), Throws.TypeOf<MalformedEnvelopeException>().With.Message.Contains(expected));
    }
}
