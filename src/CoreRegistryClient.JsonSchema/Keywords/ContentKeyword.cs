using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>Draft 7 <c>contentEncoding</c> (base64) and <c>contentMediaType</c> (application/json), which that
/// draft lets validators assert. From 2019-09 on they are annotations only and this keyword is not compiled.</summary>
internal sealed class ContentKeyword(SchemaNode owner, string name, bool base64, bool json) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Format;

    public static ContentKeyword? Create(SchemaNode owner, JsonElement schema)
    {
        var base64 = schema.TryGetProperty("contentEncoding", out var encoding) && encoding.ValueKind == JsonValueKind.String
            && string.Equals(encoding.GetString(), "base64", StringComparison.OrdinalIgnoreCase);
        var json = schema.TryGetProperty("contentMediaType", out var media) && media.ValueKind == JsonValueKind.String
            && string.Equals(media.GetString(), "application/json", StringComparison.OrdinalIgnoreCase);
        if (!base64 && !json)
        {
            return null;
        }

        return new ContentKeyword(owner, json ? "contentMediaType" : "contentEncoding", base64, json);
    }

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        ref var t = ref ctx.Tape[token];
        if (t.Kind != JsonTokenKind.String)
        {
            return true;
        }

        var raw = ctx.Json.Slice(t.Start, t.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, raw.Length));
        try
        {
            var length = JsonStrings.UnescapeToUtf8(raw, buffer);
            if (base64)
            {
                if (Base64.DecodeFromUtf8InPlace(buffer.AsSpan(0, length), out length) != OperationStatus.Done)
                {
                    return ctx.Collect && ctx.Fail(this, token, "The string is not valid base64.");
                }
            }

            if (json && !IsJson(buffer.AsSpan(0, length)))
            {
                return ctx.Collect && ctx.Fail(this, token, "The string is not a valid application/json document.");
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsJson(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
