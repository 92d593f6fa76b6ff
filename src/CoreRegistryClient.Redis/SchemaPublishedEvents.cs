using System.Globalization;
using System.Text.Json;
using CoreRegistryClient.Notifications;
using CoreRegistryClient.Registry;
using StackExchange.Redis;

namespace CoreRegistryClient.Redis;

/// <summary>The <c>schema.published</c> event on the wire: a <see cref="MessageEnvelope"/> (schema id
/// <see cref="SchemaId"/>) in the entry's <c>data</c> field, payload <c>{name, track, core_version, sha256, deprecated}</c>,
/// on stream <c>{namespace}:schema.published</c>. What a registry (or the test registry's publish hook) writes and
/// every replica reads.</summary>
public static class SchemaPublishedEvents
{
    /// <summary>The namespace of the platform's streams unless configured otherwise.</summary>
    public const string DefaultNamespace = "mdp";

    /// <summary>The envelope's <c>meta.schema_id</c> for these events.</summary>
    public const string SchemaId = "schema.published";

    /// <summary><c>{ns}:schema.published</c>.</summary>
    /// <param name="ns">The namespace, e.g. <c>mdp</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="ns"/> is empty.</exception>
    public static string StreamName(string ns = DefaultNamespace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        return ns + ":" + SchemaId;
    }

    /// <summary>Appends the event for <paramref name="notification"/> to <paramref name="stream"/> (<c>XADD</c>, trimmed
    /// approximately to <paramref name="maxLength"/> entries); returns the entry id.</summary>
    /// <param name="database">Where to write.</param>
    /// <param name="stream">The stream, e.g. <see cref="StreamName"/>.</param>
    /// <param name="notification">What was published; <see cref="SchemaPublishedNotification.PublishedAt"/> becomes <c>ts</c> (now when null).</param>
    /// <param name="maxLength">How many events the stream keeps, roughly. Default: 10,000.</param>
    /// <param name="timeProvider">The clock when the notification has no time. Default: the system clock.</param>
    public static async Task<string> PublishAsync(IDatabaseAsync database, string stream, SchemaPublishedNotification notification, int maxLength = 10_000,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        var id = await database.StreamAddAsync(stream, MessageEnvelope.DataField, Encode(notification, timeProvider), maxLength: maxLength, useApproximateMaxLength: true)
            .ConfigureAwait(false);
        return id.ToString();
    }

    /// <summary>Appends the event for a stored schema version (e.g. from the test registry's
    /// <c>LoopbackRegistryServerOptions.SchemaPublished</c> hook), stamped now; returns the entry id.</summary>
    /// <param name="database">Where to write.</param>
    /// <param name="stream">The stream, e.g. <see cref="StreamName"/>.</param>
    /// <param name="schema">The version published.</param>
    public static Task<string> PublishAsync(IDatabaseAsync database, string stream, RegistrySchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return PublishAsync(database, stream, new SchemaPublishedNotification(schema.Name, schema.Track, schema.CoreVersion, schema.Sha256, schema.Deprecated, null));
    }

    /// <summary>The envelope bytes of the event (the <c>data</c> field).</summary>
    /// <param name="notification">What was published.</param>
    /// <param name="timeProvider">The clock when the notification has no time. Default: the system clock.</param>
    /// <exception cref="ArgumentException">The name, track or sha256 is empty.</exception>
    public static byte[] Encode(SchemaPublishedNotification notification, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.Name, nameof(notification));
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.Track, nameof(notification));
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.Sha256, nameof(notification));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", notification.Name);
            writer.WriteString("track", notification.Track);
            if (notification.CoreVersion is null) writer.WriteNull("core_version");
            else writer.WriteString("core_version", notification.CoreVersion);
            writer.WriteString("sha256", notification.Sha256);
            writer.WriteBoolean("deprecated", notification.Deprecated);
            writer.WriteEndObject();
        }

        var envelope = MessageEnvelope.Create(SchemaId, buffer.ToArray(), key: notification.Name, track: notification.Track, timeProvider: timeProvider);
        if (notification.PublishedAt is { } at) envelope = envelope with { Ts = at.ToUnixTimeMilliseconds() / 1000.0 };
        return envelope.ToUtf8Bytes();
    }

    /// <summary>Reads an event. Anything else (not an envelope, another schema id, fields missing or mistyped) throws.</summary>
    /// <exception cref="MalformedEnvelopeException">The bytes are not a <c>schema.published</c> event.</exception>
    internal static SchemaPublishedNotification Parse(ReadOnlyMemory<byte> data)
    {
        var envelope = MessageEnvelope.Parse(data);
        if (!string.Equals(envelope.Meta.SchemaId, SchemaId, StringComparison.Ordinal))
        {
            throw new MalformedEnvelopeException($"the envelope's schema_id is not '{SchemaId}'");
        }

        var payload = envelope.Payload;
        if (payload.ValueKind != JsonValueKind.Object) throw new MalformedEnvelopeException("the payload is not a JSON object");
        var deprecated = payload.TryGetProperty("deprecated", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? flag.GetBoolean()
            : throw new MalformedEnvelopeException("payload field 'deprecated' is missing or not a boolean");
        DateTimeOffset? publishedAt = envelope.Ts > 0 && envelope.Ts < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(envelope.Ts * 1000, MidpointRounding.AwayFromZero))
            : null;
        return new SchemaPublishedNotification(
            RequiredString(payload, "name"),
            RequiredString(payload, "track"),
            payload.TryGetProperty("core_version", out var version) && version.ValueKind == JsonValueKind.String ? version.GetString() : null,
            RequiredString(payload, "sha256"),
            deprecated,
            publishedAt);
    }

    private static string RequiredString(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new MalformedEnvelopeException(string.Create(CultureInfo.InvariantCulture, $"payload field '{name}' is missing, empty or not a string"));
}
