using System.Buffers;
using System.Runtime.CompilerServices;

namespace CoreRegistryClient.JsonSchema.Instance;

/// <summary>JSON equality over tapes: numbers by value (1 == 1.0), strings by contents, objects regardless of key order.</summary>
internal static class JsonEquality
{
    public static bool Equal(ReadOnlySpan<byte> aJson, JsonToken[] aTape, int a, ReadOnlySpan<byte> bJson, JsonToken[] bTape, int b)
    {
        ref var x = ref aTape[a];
        ref var y = ref bTape[b];
        if (x.Kind != y.Kind)
        {
            return false;
        }

        switch (x.Kind)
        {
            case JsonTokenKind.String:
                return JsonStrings.Equals(aJson.Slice(x.Start, x.Length), x.Escaped, bJson.Slice(y.Start, y.Length), y.Escaped);
            case JsonTokenKind.Number:
                return Numbers.NumberLimit.NumbersEqual(aJson.Slice(x.Start, x.Length), bJson.Slice(y.Start, y.Length));
            case JsonTokenKind.Array:
                {
                    if (x.Count != y.Count || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
                    {
                        // (Only a MaxDepth raised into the tens of thousands can exhaust the stack here.)
                        return false;
                    }

                    var i = a + 1;
                    var j = b + 1;
                    while (i < x.End)
                    {
                        if (!Equal(aJson, aTape, i, bJson, bTape, j))
                        {
                            return false;
                        }

                        i = aTape[i].End;
                        j = bTape[j].End;
                    }

                    return true;
                }

            case JsonTokenKind.Object:
                {
                    if (x.Count != y.Count || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
                    {
                        return false;
                    }

                    var p = a + 1;
                    while (p < x.End)
                    {
                        var match = FindProperty(bJson, bTape, b, aJson.Slice(aTape[p].Start, aTape[p].Length), aTape[p].Escaped);
                        if (match < 0 || !Equal(aJson, aTape, p + 1, bJson, bTape, match))
                        {
                            return false;
                        }

                        p = aTape[p + 1].End;
                    }

                    return true;
                }

            default:
                return true; // true, false, null: same kind is equal
        }
    }

    /// <summary>A hash consistent with <see cref="Equal"/>.</summary>
    public static int Hash(ReadOnlySpan<byte> json, JsonToken[] tape, int token)
    {
        ref var t = ref tape[token];
        switch (t.Kind)
        {
            case JsonTokenKind.String:
                return JsonStrings.Hash(json.Slice(t.Start, t.Length), t.Escaped);
            case JsonTokenKind.Number:
                return Numbers.NumberLimit.Hash(json.Slice(t.Start, t.Length));
            case JsonTokenKind.Array when !RuntimeHelpers.TryEnsureSufficientExecutionStack():
            case JsonTokenKind.Object when !RuntimeHelpers.TryEnsureSufficientExecutionStack():
                return (int)t.Kind;
            case JsonTokenKind.Array:
                {
                    var hash = 17;
                    for (var i = token + 1; i < t.End; i = tape[i].End)
                    {
                        hash = (hash * 31) + Hash(json, tape, i);
                    }

                    return hash;
                }

            case JsonTokenKind.Object:
                {
                    // Order-independent: sum of per-property hashes.
                    var hash = 23;
                    for (var p = token + 1; p < t.End; p = tape[p + 1].End)
                    {
                        hash += JsonStrings.Hash(json.Slice(tape[p].Start, tape[p].Length), tape[p].Escaped) ^ (Hash(json, tape, p + 1) * 7);
                    }

                    return hash;
                }

            default:
                return (int)t.Kind;
        }
    }

    /// <summary>The value token of the property named <paramref name="name"/> (raw, maybe escaped), or -1.</summary>
    private static int FindProperty(ReadOnlySpan<byte> json, JsonToken[] tape, int obj, ReadOnlySpan<byte> name, bool nameEscaped)
    {
        var end = tape[obj].End;
        for (var p = obj + 1; p < end; p = tape[p + 1].End)
        {
            ref var n = ref tape[p];
            if (JsonStrings.Equals(json.Slice(n.Start, n.Length), n.Escaped, name, nameEscaped))
            {
                return p + 1;
            }
        }

        return -1;
    }

    /// <summary>A very cheap value that is equal for equal values (so unequal fingerprints prove inequality):
    /// the kind and size of the value and of its direct children, and each direct string's length and end bytes.
    /// Numbers and nested containers contribute only their kind and size.</summary>
    public static int Fingerprint(ReadOnlySpan<byte> json, JsonToken[] tape, int token)
    {
        ref var root = ref tape[token];
        var sum = Leaf(json, ref root);
        if (root.Kind == JsonTokenKind.Object)
        {
            for (var p = token + 1; p < root.End; p = tape[p + 1].End)
            {
                sum += (Leaf(json, ref tape[p]) * 3) + Leaf(json, ref tape[p + 1]);
            }
        }
        else if (root.Kind == JsonTokenKind.Array)
        {
            for (var i = token + 1; i < root.End; i = tape[i].End)
            {
                sum = (sum * 31) + Leaf(json, ref tape[i]);
            }
        }

        return sum;
    }

    private static int Leaf(ReadOnlySpan<byte> json, ref JsonToken t)
    {
        var sum = ((int)t.Kind * 0x3B1) + (t.Kind is JsonTokenKind.Object or JsonTokenKind.Array ? t.Count * 7 : 0);
        if (t.Kind != JsonTokenKind.String || t.Length == 0)
        {
            return sum;
        }

        var raw = json.Slice(t.Start, t.Length);
        return sum + (t.Escaped ? EscapedSample(raw) : Sample(raw));
    }

    // Apart, so that Leaf (called for every member of every uniqueItems item) stays small enough to inline: a
    // stackalloc would keep it from inlining and add a stack-guard check to every call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int EscapedSample(ReadOnlySpan<byte> raw)
    {
        byte[]? rented = null;
        var buffer = raw.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        var sample = Sample(buffer[..JsonStrings.UnescapeToUtf8(raw, buffer)]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return sample;
    }

    private static int Sample(ReadOnlySpan<byte> text)
        => text.Length == 0 ? 0 : (text.Length * 0x1F3) ^ (text[0] << 8) ^ (text[^1] << 16);
}
