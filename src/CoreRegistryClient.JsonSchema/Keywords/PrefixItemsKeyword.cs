using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>prefixItems</c> (and the array form of <c>items</c> before 2020-12): item i matches schema i.</summary>
internal sealed class PrefixItemsKeyword(SchemaNode owner, string name, SchemaNode[] schemas) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Applicator;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var tape = ctx.Tape;
        ref var array = ref tape[token];
        if (array.Kind != JsonTokenKind.Array)
        {
            return true;
        }

        var state = ctx.State;
        var tracked = state.TrackedToken == token;
        var valid = true;
        var end = array.End;
        var index = 0;
        for (var i = token + 1; i < end && index < schemas.Length; i = tape[i].End, index++)
        {
            if (!schemas[index].Evaluate(ref ctx, i))
            {
                valid = false;
                if (!ctx.Collect)
                {
                    return false;
                }
            }

            if (tracked)
            {
                state.Mark(index);
            }
        }

        return valid;
    }
}
