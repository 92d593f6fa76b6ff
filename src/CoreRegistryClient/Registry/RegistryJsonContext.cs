using System.Text.Json.Serialization;

namespace CoreRegistryClient.Registry;

/// <summary>Source-generated JSON metadata for the registry contract.</summary>
/// <remarks><see cref="JsonSourceGenerationOptionsAttribute.RespectNullableAnnotations"/> turns an explicit
/// <c>null</c> in a non-nullable field into a <see cref="System.Text.Json.JsonException"/>; missing required fields
/// are caught by the <see cref="JsonRequiredAttribute"/>s on the DTOs.</remarks>
[JsonSourceGenerationOptions(RespectNullableAnnotations = true)]
[JsonSerializable(typeof(RegistryHealth))]
[JsonSerializable(typeof(SchemaIndex))]
[JsonSerializable(typeof(RegistrySchema))]
[JsonSerializable(typeof(IReadOnlyList<SchemaVersionInfo>))]
[JsonSerializable(typeof(CompatibilityResult))]
[JsonSerializable(typeof(PublishSchemaRequest))]
[JsonSerializable(typeof(SyncRequest))]
[JsonSerializable(typeof(TelemetryEvent))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
