using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>items</c> (schema form) and <c>additionalItems</c>: every item from <c>start</c> on matches the schema.</summary>
internal sealed class ItemsKeyword(SchemaNode owner, string name, SchemaNode schema, int start) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Applicator + 1;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var tape = ctx.Tape;
        ref var array = ref tape[token];
        if (array.Kind != JsonTokenKind.Array || array.Count <= start)
        {
            return true;
        }

        var state = ctx.State;
        var valid = true;
        var end = array.End;
        var index = 0;
        for (var i = token + 1; i < end; i = tape[i].End, index++)
        {
            if (index < start)
            {
                continue;
            }

            var ok = schema.AlwaysInvalid
                ? ctx.Collect && ctx.Fail(this, i, "The array may not have an item here.")
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

        if (state.TrackedToken == token)
        {
            for (var k = start; k < array.Count; k++)
            {
                state.Mark(k);
            }
        }

        return valid;
    }
}
