using System.Text.Json;
using CoreRegistryClient.Drift;
using CoreRegistryClient.Redis;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Store;
using CoreRegistryClient.Samples.Store.Drift;
using CoreRegistryClient.Testing;
using Moq;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Tests.Store;

public class BusDriftEventPublisherTests
{
    // Compared unescaped: on the wire '+' is the (equally valid) \u002B of System.Text.Json's default encoder.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Test]
    public async Task An_event_goes_to_the_namespaced_drift_stream_as_an_envelope_with_snake_case_values()
    {
        await using var bus = new InMemoryMessageBus();
        var publisher = new BusDriftEventPublisher(bus, new StoreSettings { Namespace = "lab" }, TimeProvider.System);
        var detected = new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);
        await publisher.PublishAsync(new SchemaDriftEvent
        {
            Repo = "store-eu",
            Schema = "md.Trade",
            Track = "v1",
            LocalSha256 = "aa",
            LocalVersion = "1.0.0",
            RegistrySha256 = "aa",
            RegistryVersion = "1.0.1",
            DriftType = DriftStatus.VersionMismatch,
            Classification = null,
            DetectedAt = detected,
        });

        var consumer = new ConsumerIdentity("lab:telemetry.schema_drift", "test", "reader");
        await bus.EnsureGroupAsync(consumer.Stream, consumer.Group);
        var envelope = MessageEnvelope.Parse((await bus.ReadAsync(consumer, 10, TimeSpan.Zero)).Single().Data);
        Assert.Multiple(() =>
        {
            Assert.That((envelope.Meta.SchemaId, envelope.Meta.Track, envelope.Key), Is.EqualTo(("telemetry.schema_drift", "v1", "store-eu/md.Trade")));
            Assert.That(envelope.Meta.Headers, Is.EquivalentTo(new Dictionary<string, string> { ["event_type"] = "telemetry.schema_drift", ["repo"] = "store-eu" }));
            Assert.That(JsonSerializer.Serialize(envelope.Payload, Readable), Is.EqualTo(
                "{\"repo\":\"store-eu\",\"schema\":\"md.Trade\",\"track\":\"v1\",\"local_sha256\":\"aa\",\"local_version\":\"1.0.0\",\"registry_sha256\":\"aa\",\"registry_version\":\"1.0.1\",\"drift_type\":\"version_mismatch\",\"classification\":null,\"detected_at\":\"2026-01-12T09:30:00+00:00\"}"));
            Assert.That(envelope.Meta.Hash, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(envelope.Payload.GetRawText())))),
                "the payload bytes survive the envelope, so its hash holds");
            Assert.That(publisher.Published, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_bus_failure_is_thrown_and_not_counted_as_published()
    {
        var bus = new Mock<IMessageBus>();
        bus.Setup(b => b.PublishAsync(It.IsAny<string>(), It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "connection refused", null, CommandStatus.Unknown));
        var publisher = new BusDriftEventPublisher(bus.Object, new StoreSettings(), TimeProvider.System);
        var driftEvent = new SchemaDriftEvent { Repo = "r", Schema = "s", Track = "v1", DriftType = DriftStatus.Drift, DetectedAt = DateTimeOffset.UtcNow };
        Assert.That(() => publisher.PublishAsync(driftEvent), Throws.TypeOf<RedisConnectionException>());
        Assert.That(publisher.Published, Is.Zero);
    }

    [Test]
    public async Task A_drift_run_over_a_failing_bus_still_reports_the_drift()
    {
        var bus = new Mock<IMessageBus>();
        bus.Setup(b => b.PublishAsync(It.IsAny<string>(), It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "connection refused", null, CommandStatus.Unknown));
        var registry = InMemorySchemaRegistry.FromDirectory(StoreRun.SchemaDirectory);
        var reporter = new DriftReporter(registry, new BusDriftEventPublisher(bus.Object, new StoreSettings(), TimeProvider.System));

        var report = await reporter.CompareAsync(Path.Combine(StoreRun.FixtureDirectory, "v2"), new DriftReporterOptions { PublishEvents = true, UseRegistryCompatibilityCheck = false });

        Assert.That(report.Schemas.Where(s => s.Schema == "telemetry.FeedbackEvent").Select(s => (s.Status, s.Classification)),
            Is.EqualTo(new[] { (DriftStatus.Drift, (ChangeClassification?)ChangeClassification.Benign) }));
        bus.Verify(b => b.PublishAsync("mdp:telemetry.schema_drift", It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
