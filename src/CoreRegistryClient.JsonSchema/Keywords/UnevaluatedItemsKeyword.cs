using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>unevaluatedItems</c>: items no successful sibling or in-place subschema evaluated must match.</summary>
internal sealed class UnevaluatedItemsKeyword(SchemaNode owner, string name, SchemaNode schema) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Unevaluated;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var tape = ctx.Tape;
        ref var array = ref tape[token];
        if (array.Kind != JsonTokenKind.Array)
        {
            return true;
        }

        var state = ctx.State;
        var valid = true;
        var end = array.End;
        var index = 0;
        for (var i = token + 1; i < end; i = tape[i].End, index++)
        {
            if (state.IsMarked(index))
            {
                continue;
            }

            var ok = schema.AlwaysInvalid
                ? ctx.Collect && ctx.Fail(this, i, "The array item is not evaluated by the schema and unevaluated items are not allowed.")
                : schema.Evaluate(ref ctx, i);
            if (!ok)
            {
                valid = false;
                if (!ctx.Collect)
                {
                    return false;
                }
            }
        }

        state.MarkAll();
        return valid;
    }
}
