using System.Runtime.CompilerServices;
using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>Base of <c>$ref</c>, <c>$dynamicRef</c> and <c>$recursiveRef</c>: follows a reference with a depth
/// backstop so no schema can overflow the stack.</summary>
internal abstract class ReferenceKeyword(SchemaNode owner, string name) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Reference;

    protected bool Follow(SchemaNode target, ref EvaluationContext ctx, int token)
    {
        var state = ctx.State;
        // The stack probe is cheap but not free; every 16th nested reference is often enough for its margin.
        if (state.RefDepth >= ctx.Settings.MaxRefDepth || ((state.RefDepth & 15) == 15 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
        {
            return ctx.Fail(this, token, "Evaluation followed too many nested references (the schema recurses without consuming the instance).");
        }

        state.RefDepth++;
        var collect = ctx.Collect;
        if (collect)
        {
            state.PushRef(this, target);
        }

        var valid = target.Evaluate(ref ctx, token);
        if (collect)
        {
            state.PopRef();
        }

        state.RefDepth--;
        return valid;
    }
}
