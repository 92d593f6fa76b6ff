using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace CoreRegistryClient.JsonSchema.Instance;

/// <summary>Parses UTF-8 JSON once into a flat array of <see cref="JsonToken"/>s so validators can revisit any
/// subtree (anyOf branches, unevaluated*, uniqueItems) without re-reading the bytes.</summary>
internal static class InstanceTape
{
    /// <summary>Parses <paramref name="json"/> into <paramref name="tape"/> (grown from the array pool as needed).</summary>
    /// <returns><see cref="InputErrorKind.None"/> when the instance was read.</returns>
    public static InputErrorKind Parse(
        ReadOnlySpan<byte> json,
        ref JsonToken[] tape,
        ref int[] containers,
        int maxDepth,
        out int tokenCount,
        out int deepest,
        out long errorPosition,
        out string? errorMessage)
    {
        tokenCount = 0;
        deepest = 0;
        errorPosition = -1;
        errorMessage = null;

        if (!Utf8.IsValid(json))
        {
            errorPosition = FirstInvalidUtf8(json);
            errorMessage = "The instance is not valid UTF-8.";
            return InputErrorKind.InvalidUtf8;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth >= int.MaxValue - 2 ? int.MaxValue : maxDepth + 2, CommentHandling = JsonCommentHandling.Disallow });
        var n = 0;
        var depth = 0;
        var parentIsArray = false;
        var tokens = tape;
        try
        {
            while (reader.Read())
            {
                if (n == tokens.Length)
                {
                    tokens = Grow(ref tape, n, reader.BytesConsumed, json.Length);
                }

                ref var t = ref tokens[n];
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (depth >= maxDepth)
                        {
                            errorPosition = reader.TokenStartIndex;
                            errorMessage = string.Create(CultureInfo.InvariantCulture, $"The instance nests deeper than the limit of {maxDepth}.");
                            return InputErrorKind.DepthExceeded;
                        }

                        if (parentIsArray)
                        {
                            tokens[containers[depth - 1]].Count++;
                        }

                        if (depth == containers.Length)
                        {
                            GrowContainers(ref containers);
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
                        {
                            tokens[containers[--depth]].End = n;
                            parentIsArray = depth > 0 && tokens[containers[depth - 1]].Kind == JsonTokenKind.Array;
                            break;
                        }

                    case JsonTokenType.PropertyName:
                        tokens[containers[depth - 1]].Count++;
                        t.Kind = JsonTokenKind.String; // names are told apart by position, and propertyNames sees them as strings
                        t.Start = (int)reader.TokenStartIndex + 1;
                        t.Length = reader.ValueSpan.Length;
                        t.Escaped = reader.ValueIsEscaped;
                        t.End = n + 1;
                        n++;
                        break;
                    case JsonTokenType.String:
                        if (parentIsArray)
                        {
                            tokens[containers[depth - 1]].Count++;
                        }

                        t.Kind = JsonTokenKind.String;
                        t.Start = (int)reader.TokenStartIndex + 1;
                        t.Length = reader.ValueSpan.Length;
                        t.Escaped = reader.ValueIsEscaped;
                        t.End = n + 1;
                        n++;
                        break;
                    default:
                        if (parentIsArray)
                        {
                            tokens[containers[depth - 1]].Count++;
                        }

                        t.Kind = reader.TokenType switch
                        {
                            JsonTokenType.Number => JsonTokenKind.Number,
                            JsonTokenType.True => JsonTokenKind.True,
                            JsonTokenType.False => JsonTokenKind.False,
                            _ => JsonTokenKind.Null,
                        };
                        t.Start = (int)reader.TokenStartIndex;
                        t.Length = reader.ValueSpan.Length;
                        t.Escaped = false;
                        t.End = n + 1;
                        n++;
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            // The reader's own message can quote payload bytes, which messages must not do: only its position is used.
            errorPosition = AbsolutePosition(json, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            errorMessage = string.Create(CultureInfo.InvariantCulture, $"The instance is not well-formed JSON (byte {errorPosition}).");
            return InputErrorKind.MalformedJson;
        }

        tokenCount = n;
        return InputErrorKind.None;
    }

    /// <summary>Tapes up to this many tokens come from (and go back to) the array pool; larger ones are allocated
    /// to the size the input needs and dropped after use, so a huge payload leaves nothing pooled behind.</summary>
    public const int MaxPooledTokens = 1 << 16;

    /// <summary>Grows the tape: doubling through the array pool while small; past <see cref="MaxPooledTokens"/>, to
    /// the size the rest of the input needs at the density of the tokens read most recently (plus 5%), so a huge
    /// document is copied about once rather than at every doubling and its tape is barely larger than needed.</summary>
    private static JsonToken[] Grow(ref JsonToken[] tape, int used, long bytesRead, int totalBytes)
    {
        JsonToken[] bigger;
        if (used < MaxPooledTokens)
        {
            bigger = ArrayPool<JsonToken>.Shared.Rent(Math.Max(64, used * 2));
        }
        else
        {
            var since = used / 2;
            var recentBytes = Math.Max(1, bytesRead - tape[since].Start);
            var estimate = (long)((used + ((double)(used - since) / recentBytes * (totalBytes - bytesRead))) * 1.05) + 64;
            var size = (int)Math.Min(Array.MaxLength, Math.Max(estimate, used + (used >> 3) + 64));
            bigger = GC.AllocateUninitializedArray<JsonToken>(size);
        }

        tape.AsSpan(0, used).CopyTo(bigger);
        Release(tape);
        tape = bigger;
        return bigger;
    }

    /// <summary>Returns a tape to the pool if it came from there (large ones are left to the GC).</summary>
    public static void Release(JsonToken[] tape)
    {
        if (tape.Length is > 0 and <= MaxPooledTokens)
        {
            ArrayPool<JsonToken>.Shared.Return(tape);
        }
    }

    private static void GrowContainers(ref int[] containers)
    {
        var bigger = new int[Math.Max(16, containers.Length * 2)];
        containers.CopyTo(bigger, 0);
        containers = bigger;
    }

    private static long FirstInvalidUtf8(ReadOnlySpan<byte> json)
    {
        var i = 0;
        while (i < json.Length)
        {
            if (Rune.DecodeFromUtf8(json[i..], out _, out var consumed) != OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return json.Length;
    }

    private static long AbsolutePosition(ReadOnlySpan<byte> json, long line, long bytePositionInLine)
    {
        long offset = 0;
        for (long l = 0; l < line; l++)
        {
            var nl = json[(int)offset..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                break;
            }

            offset += nl + 1;
        }

        return Math.Min(offset + bytePositionInLine, json.Length);
    }
}
