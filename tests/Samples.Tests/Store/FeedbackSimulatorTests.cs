using System.Text.Json;
using CoreRegistryClient.JsonSchema;
using CoreRegistryClient.Samples.Backpressure;
using CoreRegistryClient.Samples.Store.Feedback;
using CoreRegistryClient.Samples.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CoreRegistryClient.Samples.Tests.Store;

public class FeedbackSimulatorTests
{
    private static JsonSchemaValidator SampleSchema(string track) =>
        JsonSchemaValidator.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(RepoPaths.Root, "samples", "schemas", track), "telemetry.FeedbackEvent*.json").Order(StringComparer.Ordinal).Last()));

    [TestCase("v1")]
    [TestCase("v2")]
    public void Sound_reports_match_the_sample_schema_and_broken_ones_do_not(string track)
    {
        var schema = SampleSchema(track);
        var simulator = new FeedbackSimulator(invalidShare: 0.3, seed: 11);
        var reports = Enumerable.Range(0, 1500).Select(_ => simulator.Next()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(reports.Where(r => r.Defect is null).Select(r => schema.Validate(r.Payload).IsValid), Has.All.True);
            Assert.That(reports.Where(r => r.Defect is not null && schema.Validate(r.Payload).IsValid).Select(r => r.Defect), Is.Empty, "broken reports the schema accepts");
            Assert.That(reports.Select(r => r.Defect).Where(d => d is not null).Distinct(), Is.EquivalentTo(FeedbackSimulator.Defects));
        });
    }

    [Test]
    public void The_share_of_broken_reports_follows_the_setting()
    {
        var simulator = new FeedbackSimulator(invalidShare: 0.2, seed: 3);
        var broken = Enumerable.Range(0, 5000).Count(_ => simulator.Next().Defect is not null);
        Assert.That(broken / 5000.0, Is.EqualTo(0.2).Within(0.03));
    }

    [Test]
    public void No_report_is_broken_at_share_zero()
    {
        var simulator = new FeedbackSimulator(invalidShare: 0, seed: 3);
        Assert.That(Enumerable.Range(0, 2000).Select(_ => simulator.Next().Defect), Has.All.Null);
    }

    [Test]
    public void The_same_seed_gives_the_same_reports()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-12T09:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var first = new FeedbackSimulator(0.1, 5, time);
        var second = new FeedbackSimulator(0.1, 5, time);
        Assert.That(
            Enumerable.Range(0, 300).Select(_ => first.Next().Payload.ToArray()),
            Is.EqualTo(Enumerable.Range(0, 300).Select(_ => second.Next().Payload.ToArray())));
    }

    [Test]
    public void Coordinators_report_in_turn_and_every_queue_passes_through_every_level_with_the_level_its_fill_says()
    {
        var simulator = new FeedbackSimulator(invalidShare: 0, seed: 1);
        var reports = Enumerable.Range(0, 6000).Select(_ => simulator.Next()).ToList();
        var parsed = reports.Select(r => (Report: r, Json: JsonDocument.Parse(r.Payload).RootElement)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(reports.Take(6).Select(r => r.CoordinatorId), Is.EqualTo(new[] { "store-1", "store-2", "store-3", "store-1", "store-2", "store-3" }));
            foreach (var coordinator in new[] { "store-1", "store-2", "store-3" })
            {
                Assert.That(reports.Where(r => r.CoordinatorId == coordinator).Select(r => r.Level).Distinct(), Is.EquivalentTo(Enum.GetValues<BackpressureLevel>()), coordinator);
            }

            foreach (var (report, json) in parsed)
            {
                var fill = json.GetProperty("queue_size").GetDouble() / json.GetProperty("capacity").GetDouble();
                var expected = fill >= CoordinatorQueue.HardWatermark ? "hard" : fill >= CoordinatorQueue.SoftWatermark ? "soft" : "ok";
                Assert.That((json.GetProperty("level").GetString(), json.TryGetProperty("reason", out _)), Is.EqualTo((expected, expected != "ok")), $"fill {fill}");
            }
        });
    }
}
