using CoreRegistryClient.JsonSchema;
using CoreRegistryClient.Samples.Pipeline.Producing;
using CoreRegistryClient.Samples.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CoreRegistryClient.Samples.Tests.Pipeline;

public class FeedbackGeneratorTests
{
    private static JsonSchemaValidator Schema(string track, string file) =>
        JsonSchemaValidator.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "schemas", track, file)));

    [TestCase("v1", "telemetry.FeedbackEvent@1.1.2.json")]
    [TestCase("v2", "telemetry.FeedbackEvent@2.0.0.json")]
    public void Payloads_marked_invalid_fail_the_sample_schema_and_the_rest_pass(string track, string file)
    {
        var schema = Schema(track, file);
        var generator = new FeedbackGenerator(invalidShare: 0.3, seed: 7);
        var messages = Enumerable.Range(0, 500).Select(_ => generator.Next()).ToList();
        var mismatched = messages.Where(m => schema.IsValid(m.Envelope.Payload) == m.Invalid).Select(m => m.Envelope.Payload.GetRawText()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(mismatched, Is.Empty);
            Assert.That(messages.Count(m => m.Invalid), Is.InRange(100, 200), "about 30% invalid");
        });
    }

    [Test]
    public void The_same_seed_makes_the_same_payloads()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var first = new FeedbackGenerator(0.5, seed: 3, time);
        var second = new FeedbackGenerator(0.5, seed: 3, time);
        var a = Enumerable.Range(0, 50).Select(_ => first.Next().Envelope.Payload.GetRawText());
        var b = Enumerable.Range(0, 50).Select(_ => second.Next().Envelope.Payload.GetRawText());
        Assert.That(a, Is.EqualTo(b));
    }

    [Test]
    public void A_short_run_shows_every_backpressure_level()
    {
        var generator = new FeedbackGenerator(0, seed: 42);
        var levels = Enumerable.Range(0, 600).Select(_ => generator.Next().Envelope.Payload.GetProperty("level").GetString()).Distinct();
        Assert.That(levels, Is.EquivalentTo(new[] { "ok", "soft", "hard" }));
    }

    [TestCase(-0.1)]
    [TestCase(1.1)]
    public void Invalid_share_outside_zero_to_one_is_refused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FeedbackGenerator(share));
}
