using System.Text.Json;

namespace CoreRegistryClient.Caching;

/// <summary>A last-known-good schema as stored on disk.</summary>
internal sealed record SchemaSnapshot(
    string Name,
    string RequestedTrack,
    string Track,
    string Version,
    string Sha256,
    DateTimeOffset SavedAt,
    JsonElement Content);
