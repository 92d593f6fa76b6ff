using System.Buffers;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>uniqueItems</c>: no two items equal under JSON equality; hashed for long arrays.</summary>
internal sealed class UniqueItemsKeyword : Keyword
{
    private const int PairwiseLimit = 16;

    private UniqueItemsKeyword(SchemaNode owner, string name) : base(owner, name) { }

    public override int Order => KeywordOrder.Shape + 5;

    public static Keyword? Create(SchemaNode owner, string name, JsonElement value)
    {
        return KeywordValues.Boolean(value, owner, name) ? new UniqueItemsKeyword(owner, name) : null;
    }

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        ref var t = ref ctx.Tape[token];
        if (t.Kind != JsonTokenKind.Array || t.Count < 2)
        {
            return true;
        }

        var unique = t.Count <= PairwiseLimit ? Pairwise(ref ctx, token) : Hashed(ref ctx, token, t.Count);
        return unique || (ctx.Collect && ctx.Fail(this, token, "The array items must be unique."));
    }

    private static bool Pairwise(ref EvaluationContext ctx, int token)
    {
        var tape = ctx.Tape;
        var end = tape[token].End;
        Span<int> items = stackalloc int[PairwiseLimit];
        Span<int> prints = stackalloc int[PairwiseLimit];
        var n = 0;
        for (var i = token + 1; i < end; i = tape[i].End)
        {
            items[n] = i;
            prints[n++] = JsonEquality.Fingerprint(ctx.Json, tape, i);
        }

        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                if (prints[a] == prints[b] && JsonEquality.Equal(ctx.Json, tape, items[a], ctx.Json, tape, items[b]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Hashed(ref EvaluationContext ctx, int token, int count)
    {
        var tape = ctx.Tape;
        // 8 bytes an item; a huge array gets an exact array of its own rather than a pooled power of two.
        var pooled = count <= InstanceTape.MaxPooledTokens;
        var keys = pooled ? ArrayPool<long>.Shared.Rent(count) : GC.AllocateUninitializedArray<long>(count);
        try
        {
            var n = 0;
            for (var i = token + 1; i < tape[token].End; i = tape[i].End)
            {
                keys[n++] = ((long)JsonEquality.Hash(ctx.Json, tape, i) << 32) | (uint)i;
            }

            var span = keys.AsSpan(0, n);
            span.Sort();
            for (var a = 0; a < n; a++)
            {
                for (var b = a + 1; b < n && (span[b] >> 32) == (span[a] >> 32); b++)
                {
                    if (JsonEquality.Equal(ctx.Json, tape, (int)(uint)span[a], ctx.Json, tape, (int)(uint)span[b]))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
        finally
        {
            if (pooled)
            {
                ArrayPool<long>.Shared.Return(keys);
            }
        }
    }
}
