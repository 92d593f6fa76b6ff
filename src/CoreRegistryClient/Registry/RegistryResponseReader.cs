using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CoreRegistryClient.Registry;

/// <summary>Turns response bodies into DTOs and checks what the contract promises. Errors name the endpoint and
/// the field, never quote the body.</summary>
internal static class RegistryResponseReader
{
    public static RegistryHealth ReadHealth(byte[] body, string endpoint)
    {
        var health = Deserialize(body, RegistryJsonContext.Default.RegistryHealth, endpoint);
        Require(!string.IsNullOrWhiteSpace(health.Status), endpoint, "'status' is empty");
        return health;
    }

    public static SchemaIndex ReadIndex(byte[] body, string endpoint)
    {
        var index = Deserialize(body, RegistryJsonContext.Default.SchemaIndex, endpoint);
        foreach (var (track, trackIndex) in index.Tracks)
        {
            Require(!string.IsNullOrWhiteSpace(track), endpoint, "a track has an empty name");
            Require(trackIndex is not null, endpoint, $"track '{track}' is null");
            for (var i = 0; i < trackIndex!.Schemas.Count; i++)
            {
                var entry = trackIndex.Schemas[i];
                Require(entry is not null, endpoint, $"tracks.{track}.schemas[{i}] is null");
                Require(!string.IsNullOrWhiteSpace(entry!.Name), endpoint, $"tracks.{track}.schemas[{i}] has an empty 'name'");
                Require(!string.IsNullOrWhiteSpace(entry.Sha256), endpoint, $"tracks.{track}.schemas[{i}] ('{entry.Name}') has an empty 'sha256'");
            }
        }

        return index;
    }

    public static RegistrySchema ReadSchema(byte[] body, string endpoint)
    {
        var schema = Deserialize(body, RegistryJsonContext.Default.RegistrySchema, endpoint);
        Require(!string.IsNullOrWhiteSpace(schema.Name), endpoint, "'name' is empty");
        Require(!string.IsNullOrWhiteSpace(schema.Track), endpoint, "'track' is empty");
        Require(!string.IsNullOrWhiteSpace(schema.CoreVersion), endpoint, "'core_version' is empty");
        Require(!string.IsNullOrWhiteSpace(schema.Sha256), endpoint, "'sha256' is empty");
        Require(
            schema.Content.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False,
            endpoint,
            $"'content' is {schema.Content.ValueKind}, not a JSON Schema (an object or a boolean)");
        return schema;
    }

    public static IReadOnlyList<SchemaVersionInfo> ReadVersions(byte[] body, string endpoint)
    {
        var versions = Deserialize(body, RegistryJsonContext.Default.IReadOnlyListSchemaVersionInfo, endpoint);
        for (var i = 0; i < versions.Count; i++)
        {
            Require(versions[i] is not null, endpoint, $"[{i}] is null");
            Require(!string.IsNullOrWhiteSpace(versions[i].CoreVersion), endpoint, $"[{i}] has an empty 'core_version'");
            Require(!string.IsNullOrWhiteSpace(versions[i].Sha256), endpoint, $"[{i}] has an empty 'sha256'");
        }

        return versions;
    }

    /// <summary>Only <c>compatible</c> is required: a registry that omits the reasons or the advice has none to give.</summary>
    public static CompatibilityResult ReadCompatibility(byte[] body, string endpoint)
    {
        var result = Deserialize(body, RegistryJsonContext.Default.CompatibilityResult, endpoint);
        return result with
        {
            BreakingReasons = result.BreakingReasons ?? [],
            Advice = result.Advice ?? [],
        };
    }

    /// <summary>Admin calls return nothing the client needs; any 2xx body is accepted.</summary>
    public static bool IgnoreBody(byte[] body, string endpoint) => true;

    private static T Deserialize<T>(byte[] body, JsonTypeInfo<T> typeInfo, string endpoint)
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException exception)
        {
            throw new RegistryException(
                $"The registry's response to {endpoint} is not the JSON the contract promises: {exception.Message}",
                RegistryErrorKind.InvalidResponse,
                HttpStatusCode.OK,
                exception);
        }

        Require(value is not null, endpoint, "the body is JSON null");
        return value!;
    }

    private static void Require(bool condition, string endpoint, string problem)
    {
        if (!condition)
        {
            throw new RegistryException(
                $"The registry's response to {endpoint} is not valid: {problem}.",
                RegistryErrorKind.InvalidResponse,
                HttpStatusCode.OK);
        }
    }
}
