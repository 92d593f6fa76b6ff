using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace CoreRegistryClient.Redis;

/// <summary>
/// The platform's message envelope, carried in a stream entry's <c>data</c> field:
/// <c>{"id","key","ts","meta":{"schema_id","track","headers","hash"},"payload"}</c>.
/// <c>ts</c> is unix seconds (a JSON number); <c>hash</c> is the lowercase hex SHA-256 of the payload's
/// JSON bytes as published, so a consumer can tell a payload was altered on the way.
/// </summary>
public sealed record MessageEnvelope(string Id, string? Key, double Ts, EnvelopeMeta Meta, JsonElement Payload)
{
    /// <summary>The one field of a stream entry, holding the envelope JSON.</summary>
    public const string DataField = "data";

    /// <summary>Wraps <paramref name="payloadJson"/> (UTF-8 JSON) for <paramref name="schemaId"/>, with a new id and the current time.</summary>
    /// <param name="schemaId">The schema the payload follows.</param>
    /// <param name="payloadJson">The payload, UTF-8 JSON.</param>
    /// <param name="key">The partition or entity key, if any.</param>
    /// <param name="track">The registry track the producer used, if it says.</param>
    /// <param name="headers">Free-form string headers.</param>
    /// <param name="timeProvider">The clock for <c>ts</c>. Default: the system clock.</param>
    /// <exception cref="JsonException">The payload is not JSON.</exception>
    public static MessageEnvelope Create(string schemaId, ReadOnlySpan<byte> payloadJson, string? key = null, string? track = null, IReadOnlyDictionary<string, string>? headers = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(schemaId);
        var reader = new Utf8JsonReader(payloadJson);
        var payload = JsonElement.ParseValue(ref reader);
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        // The hash covers exactly the bytes ToUtf8Bytes writes (the payload's raw value, re-encoding nothing).
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonMarshal.GetRawUtf8Value(payload)));
        return new MessageEnvelope(Guid.NewGuid().ToString("N"), key, now.ToUnixTimeMilliseconds() / 1000.0, new EnvelopeMeta(schemaId, track, headers, hash), payload);
    }

    /// <summary>Parses an envelope. Anything that is not one (bad UTF-8, bad JSON, missing or mistyped
    /// fields) throws <see cref="MalformedEnvelopeException"/> with a reason fit for a dead-letter entry.</summary>
    /// <param name="data">The bytes of the entry's <see cref="DataField"/> field.</param>
    /// <exception cref="MalformedEnvelopeException">The bytes are not an envelope.</exception>
    public static MessageEnvelope Parse(ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new MalformedEnvelopeException("the entry has no 'data' field or it is empty");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new MalformedEnvelopeException($"envelope is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            try
            {
                return FromDocument(document.RootElement);
            }
            catch (InvalidOperationException e)
            {
                // JsonDocument checks structure, not the UTF-8 inside strings; reading one finds it.
                throw new MalformedEnvelopeException($"envelope contains invalid UTF-8: {e.Message}", e);
            }
        }
    }

    /// <summary>Serialises the envelope to UTF-8 JSON, the bytes published in the <c>data</c> field.</summary>
    public byte[] ToUtf8Bytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", Id);
            WriteNullable(writer, "key", Key);
            writer.WriteNumber("ts", Ts);
            writer.WriteStartObject("meta");
            writer.WriteString("schema_id", Meta.SchemaId);
            WriteNullable(writer, "track", Meta.Track);
            writer.WriteStartObject("headers");
            foreach (var (name, value) in Meta.Headers ?? new Dictionary<string, string>())
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            WriteNullable(writer, "hash", Meta.Hash);
            writer.WriteEndObject();
            writer.WritePropertyName("payload");
            // Raw, not WriteTo: a re-encoding writer escapes differently ('+' as \u002B) and meta.hash would lie.
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(Payload), skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static MessageEnvelope FromDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedEnvelopeException($"envelope is a JSON {root.ValueKind}, not an object");
        }

        var meta = Required(root, "meta", JsonValueKind.Object);
        Dictionary<string, string>? headers = null;
        if (meta.TryGetProperty("headers", out var headersElement) && headersElement.ValueKind == JsonValueKind.Object)
        {
            headers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var header in headersElement.EnumerateObject())
            {
                headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText();
            }
        }

        var payload = root.TryGetProperty("payload", out var p) ? p.Clone() : throw new MalformedEnvelopeException("envelope has no 'payload'");
        return new MessageEnvelope(
            Required(root, "id", JsonValueKind.String).GetString()!,
            Optional(root, "key"),
            root.TryGetProperty("ts", out var ts) && ts.ValueKind == JsonValueKind.Number ? ts.GetDouble() : 0,
            new EnvelopeMeta(Required(meta, "schema_id", JsonValueKind.String).GetString()!, Optional(meta, "track"), headers, Optional(meta, "hash")),
            payload);
    }

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new MalformedEnvelopeException($"envelope field '{name}' is missing or not a JSON {kind}");

    private static string? Optional(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
