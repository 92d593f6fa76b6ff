namespace CoreRegistryClient.Redis;

/// <summary>The <c>meta</c> object of a <see cref="MessageEnvelope"/>.</summary>
/// <param name="SchemaId">The schema the payload claims to follow, e.g. <c>telemetry.FeedbackEvent</c>.</param>
/// <param name="Track">The registry track the producer used (<c>v1</c>, <c>v2</c>), if it says.</param>
/// <param name="Headers">Free-form string headers.</param>
/// <param name="Hash">Lowercase hex SHA-256 of the payload JSON as published.</param>
public sealed record EnvelopeMeta(string SchemaId, string? Track, IReadOnlyDictionary<string, string>? Headers, string? Hash);
