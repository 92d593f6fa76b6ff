using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>Property lookup on an instance object token.</summary>
internal static class ObjectProperties
{
    /// <summary>The token of the value of property <paramref name="utf8Name"/> (unescaped UTF-8), or -1.</summary>
    public static int Find(ref EvaluationContext ctx, int obj, ReadOnlySpan<byte> utf8Name)
    {
        var tape = ctx.Tape;
        var end = tape[obj].End;
        var p = obj + 1;
        while (p < end)
        {
            ref var n = ref tape[p];
            if (n.Escaped
                ? JsonStrings.Equals(ctx.Json.Slice(n.Start, n.Length), true, utf8Name)
                : n.Length == utf8Name.Length && ctx.Json.Slice(n.Start, n.Length).SequenceEqual(utf8Name))
            {
                return p + 1;
            }

            p = tape[p + 1].End;
        }

        return -1;
    }
}
