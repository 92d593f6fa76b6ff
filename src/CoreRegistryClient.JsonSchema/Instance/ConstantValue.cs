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
        var tape = Array.Empty<JsonToken>();
        var containers = new int[16];
        var error = InstanceTape.Parse(json, ref tape, ref containers, int.MaxValue - 2, out var count, out _, out _, out _);
        if (error != InputErrorKind.None)
        {
            throw new InvalidOperationException("A schema constant could not be re-read.");
        }

        return new ConstantValue(json, tape.AsSpan(0, count).ToArray());
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
