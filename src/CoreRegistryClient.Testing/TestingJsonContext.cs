using System.Text.Json.Serialization;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Testing;

/// <summary>JSON metadata for the registry contract as the loopback server writes and reads it. Built on the public
/// DTOs only, so this package does not depend on the SDK's internals.</summary>
[JsonSourceGenerationOptions(RespectNullableAnnotations = true)]
[JsonSerializable(typeof(SchemaIndex))]
[JsonSerializable(typeof(RegistrySchema))]
[JsonSerializable(typeof(IReadOnlyList<SchemaVersionInfo>))]
[JsonSerializable(typeof(CompatibilityResult))]
[JsonSerializable(typeof(PublishSchemaRequest))]
[JsonSerializable(typeof(SyncRequest))]
[JsonSerializable(typeof(TelemetryEvent))]
internal sealed partial class TestingJsonContext : JsonSerializerContext;
