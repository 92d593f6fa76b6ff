using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Instance;

/// <summary>A JSON value from a schema (<c>const</c>, <c>enum</c> member) parsed into its own tape for
/// allocation-free equality checks against instance tokens.</summary>
internal sealed class ConstantValue
{
    private ConstantValue(byte[] json, JsonToken[] tape)
    {
        Json = json;
        Tape = tape;
        Kind = tape[0].Kind;
        if (Kind == JsonTokenKind.String)
        {
            var raw = json.AsSpan(tape[0].Start, tape[0].Length);
            var buffer = new byte[raw.Length];
            var n = JsonStrings.UnescapeToUtf8(raw, buffer);
            Utf8String = buffer.AsSpan(0, n).ToArray();
        }
    }

    public byte[] Json { get; }

    public JsonToken[] Tape { get; }

    public JsonTokenKind Kind { get; }

    /// <summary>For strings, the unescaped UTF-8 contents.</summary>
    public byte[]? Utf8String { get; }

    public static ConstantValue From(JsonElement element)
    {
        var json = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element).ToArray();
        var scalar = element.ValueKind switch
        {
            // Most constants (enum members above all) are scalars: one token, no parse.
            JsonValueKind.String => new JsonToken { Kind = JsonTokenKind.String, Start = 1, Length = json.Length - 2, End = 1, Escaped = json.AsSpan().Contains((byte)'\\') },
            JsonValueKind.Number => new JsonToken { Kind = JsonTokenKind.Number, Length = json.Length, End = 1 },
            JsonValueKind.True => new JsonToken { Kind = JsonTokenKind.True, Length = json.Length, End = 1 },
            JsonValueKind.False => new JsonToken { Kind = JsonTokenKind.False, Length = json.Length, End = 1 },
            JsonValueKind.Null => new JsonToken { Kind = JsonTokenKind.Null, Length = json.Length, End = 1 },
            _ => (JsonToken?)null,
        };
        if (scalar is { } token)
        {
            return new ConstantValue(json, [token]);
        }

        var tape = Array.Empty<JsonToken>();
        var containers = new int[16];
        var error = InstanceTape.Parse(json, ref tape, ref containers, int.MaxValue - 2, out var count, out _, out _, out _);
        if (error != InputErrorKind.None)
        {
            throw new InvalidOperationException("A schema constant could not be re-read.");
        }

        var exact = tape.AsSpan(0, count).ToArray();
        InstanceTape.Release(tape);
        return new ConstantValue(json, exact);
    }

    /// <summary>Whether the instance token equals this constant under JSON equality.</summary>
    public bool Matches(ReadOnlySpan<byte> json, JsonToken[] tape, int token)
    {
        ref var t = ref tape[token];
        if (Kind == JsonTokenKind.String)
        {
            return t.Kind == JsonTokenKind.String && JsonStrings.Equals(json.Slice(t.Start, t.Length), t.Escaped, Utf8String);
        }

        return JsonEquality.Equal(json, tape, token, Json, Tape, 0);
    }
}
