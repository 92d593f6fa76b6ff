using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>Reads schema JSON under the schema depth limit (<see cref="JsonSchemaOptions.MaxSchemaDepth"/>), and says
/// precisely why a document was refused: too deep (with the limit, the option and the location) or not JSON.</summary>
internal static class SchemaText
{
    /// <summary>Parses schema text; <paramref name="what"/> names the document in errors.</summary>
    public static JsonElement Parse(string json, int maxDepth, string? documentUri, string what = "The schema")
    {
        try
        {
            return JsonElement.Parse(json, Options(maxDepth));
        }
        catch (JsonException e)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
            try
            {
                var n = Encoding.UTF8.GetBytes(json, buffer);
                throw Refused(buffer.AsSpan(0, n), maxDepth, documentUri, what, e);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Parses schema UTF-8 bytes.</summary>
    public static JsonElement Parse(ReadOnlySpan<byte> utf8Json, int maxDepth, string? documentUri, string what = "The schema")
    {
        try
        {
            return JsonElement.Parse(utf8Json, Options(maxDepth));
        }
        catch (JsonException e)
        {
            throw Refused(utf8Json, maxDepth, documentUri, what, e);
        }
    }

    /// <summary>Refuses a parsed document nested deeper than the limit (parsed elsewhere, with another limit).</summary>
    public static void ThrowIfTooDeep(JsonElement root, int maxDepth, string? documentUri)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(root);
        var offset = FirstTooDeep(raw, maxDepth);
        if (offset >= 0)
        {
            throw TooDeep(raw, offset, maxDepth, documentUri);
        }
    }

    /// <summary>The exception for a document whose container at byte <paramref name="offset"/> is one level too deep.</summary>
    public static InvalidSchemaException TooDeep(ReadOnlySpan<byte> utf8Json, long offset, int maxDepth, string? documentUri)
    {
        var pointer = PointerAt(utf8Json, offset);
        var where = documentUri is null ? pointer : documentUri + "#" + pointer;
        return new InvalidSchemaException(
            string.Create(CultureInfo.InvariantCulture,
                $"The schema{(documentUri is null ? "" : " document " + documentUri)} is nested deeper than {maxDepth} levels (the limit; JsonSchemaOptions.{nameof(JsonSchemaOptions.MaxSchemaDepth)}) at '{pointer}'."),
            where);
    }

    private static InvalidSchemaException Refused(ReadOnlySpan<byte> utf8Json, int maxDepth, string? documentUri, string what, JsonException e)
    {
        var offset = FirstTooDeep(utf8Json, maxDepth);
        return offset >= 0
            ? TooDeep(utf8Json, offset, maxDepth, documentUri)
            : new InvalidSchemaException($"{what} is not well-formed JSON.", documentUri ?? "", null, e);
    }

    private static JsonDocumentOptions Options(int maxDepth) => new() { MaxDepth = maxDepth };

    /// <summary>The byte offset of the first object or array nested deeper than <paramref name="maxDepth"/>
    /// levels (the root is level 1), or -1 (also when the text is not JSON at all).</summary>
    public static long FirstTooDeep(ReadOnlySpan<byte> utf8Json, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth >= int.MaxValue - 1 ? int.MaxValue : maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    return reader.TokenStartIndex;
                }
            }
        }
        catch (JsonException)
        {
        }

        return -1;
    }

    /// <summary>The JSON Pointer of the value starting at byte <paramref name="offset"/> (read again only on this error path).</summary>
    private static string PointerAt(ReadOnlySpan<byte> utf8Json, long offset)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        var frames = new List<(bool IsArray, int Index, string? Name)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1] = (false, 0, reader.GetString());
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        continue;
                }

                if (frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1] = (true, frames[^1].Index + 1, null);
                }

                if (reader.TokenStartIndex >= offset)
                {
                    break;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add((reader.TokenType == JsonTokenType.StartArray, -1, null));
                }
            }
        }
        catch (JsonException)
        {
        }

        var sb = new StringBuilder();
        foreach (var (isArray, index, name) in frames)
        {
            sb.Append('/').Append(isArray ? index.ToString(CultureInfo.InvariantCulture) : JsonPointer.Escape(name ?? ""));
        }

        return sb.ToString();
    }
}
