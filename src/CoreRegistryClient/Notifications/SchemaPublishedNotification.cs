namespace CoreRegistryClient.Notifications;

/// <summary>A registry event: a version of a schema was published. Delivered by a bus (e.g. the
/// <c>CoreRegistryClient.Redis</c> package) to <see cref="ISchemaNotifications.SchemaPublishedAsync"/>.</summary>
/// <param name="Name">The schema name, with or without a <c>.schema</c> suffix.</param>
/// <param name="Track">The track it was published on (<c>v1</c>, <c>v2</c>).</param>
/// <param name="CoreVersion">The version label published, if the event says.</param>
/// <param name="Sha256">The sha256 (hex) of the published content: what the refresh must end up with.</param>
/// <param name="Deprecated">Whether the published copy is deprecated.</param>
/// <param name="PublishedAt">When the event was emitted (the envelope's <c>ts</c>), for the lag metric; null if unknown.</param>
public sealed record SchemaPublishedNotification(string Name, string Track, string? CoreVersion, string Sha256, bool Deprecated, DateTimeOffset? PublishedAt);
