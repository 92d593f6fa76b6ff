using System.Text.Json;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Tests.Instance;

/// <summary>The reference for the tape scanner: the tape as the engine built it with <see cref="Utf8JsonReader"/>
/// before the scanner replaced it (comments disallowed, no trailing commas, the same depth check). The differential
/// tests compare the scanner with it; the benchmarks link it as the "before" of the tape.</summary>
internal static class ReaderTape
{
    /// <summary>Builds the tape of UTF-8-valid <paramref name="json"/>: <see cref="InputErrorKind.None"/>,
    /// <see cref="InputErrorKind.MalformedJson"/> or <see cref="InputErrorKind.DepthExceeded"/>.</summary>
    public static InputErrorKind Parse(ReadOnlySpan<byte> json, ref JsonToken[] tape, ref int[] containers, int maxDepth, out int tokenCount, out int deepest)
    {
        tokenCount = 0;
        deepest = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth >= int.MaxValue - 2 ? int.MaxValue : maxDepth + 2, CommentHandling = JsonCommentHandling.Disallow });
        var n = 0;
        var depth = 0;
        var parentIsArray = false;
        try
        {
            while (reader.Read())
            {
                if (n == tape.Length)
                {
                    Array.Resize(ref tape, Math.Max(64, n * 2));
                }

                ref var t = ref tape[n];
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (depth >= maxDepth)
                        {
                            return InputErrorKind.DepthExceeded;
                        }

                        if (parentIsArray)
                        {
                            tape[containers[depth - 1]].Count++;
                        }

                        if (depth == containers.Length)
                        {
                            Array.Resize(ref containers, Math.Max(16, containers.Length * 2));
                        }

                        containers[depth++] = n;
                        deepest = Math.Max(deepest, depth);
                        t.Kind = reader.TokenType == JsonTokenType.StartObject ? JsonTokenKind.Object : JsonTokenKind.Array;
                        parentIsArray = t.Kind == JsonTokenKind.Array;
                        t.Start = (int)reader.TokenStartIndex;
                        t.Count = 0;
                        t.Escaped = false;
                        n++;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        tape[containers[--depth]].End = n;
                        parentIsArray = depth > 0 && tape[containers[depth - 1]].Kind == JsonTokenKind.Array;
                        break;
                    case JsonTokenType.PropertyName:
                        tape[containers[depth - 1]].Count++;
                        Scalar(ref t, JsonTokenKind.String, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, reader.ValueIsEscaped, n);
                        n++;
                        break;
                    default:
                        if (parentIsArray)
                        {
                            tape[containers[depth - 1]].Count++;
                        }

                        var kind = reader.TokenType switch
                        {
                            JsonTokenType.String => JsonTokenKind.String,
                            JsonTokenType.Number => JsonTokenKind.Number,
                            JsonTokenType.True => JsonTokenKind.True,
                            JsonTokenType.False => JsonTokenKind.False,
                            _ => JsonTokenKind.Null,
                        };
                        var isString = kind == JsonTokenKind.String;
                        Scalar(ref t, kind, (int)reader.TokenStartIndex + (isString ? 1 : 0), reader.ValueSpan.Length, isString && reader.ValueIsEscaped, n);
                        t.IntegerSyntax = kind == JsonTokenKind.Number && reader.ValueSpan.IndexOfAny(".eE"u8) < 0;
                        n++;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return InputErrorKind.MalformedJson;
        }

        tokenCount = n;
        return InputErrorKind.None;
    }

    private static void Scalar(ref JsonToken t, JsonTokenKind kind, int start, int length, bool escaped, int n)
    {
        t.Kind = kind;
        t.Start = start;
        t.Length = length;
        t.Escaped = escaped;
        t.End = n + 1;
    }
}
