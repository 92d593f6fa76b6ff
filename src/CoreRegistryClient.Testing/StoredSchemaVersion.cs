using System.Text.Json;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Testing;

/// <summary>One version of one schema on one track, as the in-memory registry keeps it.</summary>
internal sealed record StoredSchemaVersion(
    string Track,
    string Name,
    string Version,
    string SchemaId,
    string ContentJson,
    string Sha256,
    DateTimeOffset CreatedAt,
    bool Deprecated,
    string? DeprecationNote)
{
    public RegistrySchema ToRegistrySchema()
    {
        using var document = JsonDocument.Parse(ContentJson);
        return new RegistrySchema(Name, Track, Version, Sha256, SchemaId, document.RootElement.Clone(), Deprecated, DeprecationNote);
    }

    public SchemaVersionInfo ToVersionInfo() =>
        new(Version, Sha256, CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), Deprecated);
}
