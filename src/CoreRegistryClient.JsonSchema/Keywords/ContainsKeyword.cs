using System.Globalization;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>contains</c> with <c>minContains</c>/<c>maxContains</c>: how many items match the schema.</summary>
internal sealed class ContainsKeyword(SchemaNode owner, string name, SchemaNode schema, long min, long max, bool annotates) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Applicator + 4;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var tape = ctx.Tape;
        ref var array = ref tape[token];
        if (array.Kind != JsonTokenKind.Array)
        {
            return true;
        }

        var state = ctx.State;
        var tracked = annotates && state.TrackedToken == token;
        var collect = ctx.Collect;
        ctx.Collect = false;
        long matches = 0;
        var end = array.End;
        var index = 0;
        for (var i = token + 1; i < end; i = tape[i].End, index++)
        {
            if (schema.Evaluate(ref ctx, i))
            {
                matches++;
                if (tracked)
                {
                    state.Mark(index);
                }
                else if (matches >= min && max == long.MaxValue)
                {
                    break;
                }
                else if (matches > max)
                {
                    break;
                }
            }
        }

        ctx.Collect = collect;
        if (matches < min)
        {
            return collect && ctx.Fail(this, token, min == 1
                ? "The array must contain an item matching the schema."
                : string.Create(CultureInfo.InvariantCulture, $"The array must contain at least {min} items matching the schema."));
        }

        if (matches > max)
        {
            return collect && ctx.Fail(this, token, string.Create(CultureInfo.InvariantCulture, $"The array must contain at most {max} items matching the schema."));
        }

        return true;
    }
}
