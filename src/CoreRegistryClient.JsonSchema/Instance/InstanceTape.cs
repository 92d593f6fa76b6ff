using System.Buffers;
using System.Globalization;
using System.Text;
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

        var error = TapeScanner.Scan(json, ref tape, ref containers, maxDepth, out tokenCount, out deepest, out var position);
        if (error != InputErrorKind.None)
        {
            // Messages never quote payload bytes: only the position is given.
            errorPosition = position;
            errorMessage = error == InputErrorKind.DepthExceeded
                ? string.Create(CultureInfo.InvariantCulture, $"The instance nests deeper than {maxDepth} levels (the limit; JsonSchemaOptions.MaxDepth) at byte {position}.")
                : string.Create(CultureInfo.InvariantCulture, $"The instance is not well-formed JSON (byte {position}).");
        }

        return error;
    }

    /// <summary>Tapes up to this many tokens come from (and go back to) the array pool; larger ones are allocated
    /// to the size the input needs and dropped after use, so a huge payload leaves nothing pooled behind.</summary>
    public const int MaxPooledTokens = 1 << 16;

    /// <summary>Grows the tape: doubling through the array pool while small; past <see cref="MaxPooledTokens"/>, to
    /// the size the rest of the input needs at the density of the tokens read most recently (plus 5%), so a huge
    /// document is copied about once rather than at every doubling and its tape is barely larger than needed.</summary>
    internal static JsonToken[] Grow(ref JsonToken[] tape, int used, long bytesRead, int totalBytes)
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

    internal static void GrowContainers(ref int[] containers)
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
}
