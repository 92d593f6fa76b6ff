using System.Runtime.CompilerServices;
using CoreRegistryClient.JsonSchema.Compilation;
using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>Base of <c>$ref</c>, <c>$dynamicRef</c> and <c>$recursiveRef</c>: follows a reference with a depth
/// limit (<see cref="JsonSchemaOptions.MaxReferenceDepth"/>) and a stack probe so no schema can overflow the stack,
/// and, when the reference lies on a cycle that does not consume the instance, stops the moment evaluation goes
/// round it.</summary>
internal abstract class ReferenceKeyword(SchemaNode owner, string name) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Reference;

    /// <summary>The target resolved at compile time.</summary>
    public abstract SchemaNode StaticTarget { get; }

    /// <summary>Whether the reference lies on a cycle of in-place subschemas (set by <c>ReferenceCycles</c>).</summary>
    public bool Guarded { get; set; }

    public override IEnumerable<SchemaNode> InPlaceSubschemas => [StaticTarget];

    /// <summary>For a reference resolved through the dynamic scope: fixes the target when the validator's root
    /// resource, <paramref name="outermost"/> in every dynamic scope, decides it; false when evaluation must still
    /// search the scope.</summary>
    public virtual bool TryResolveStatically(SchemaResource outermost) => true;

    protected bool Follow(SchemaNode target, ref EvaluationContext ctx, int token)
    {
        var state = ctx.State;
        if (state.Limit != InputErrorKind.None)
        {
            return false;
        }

        // The stack probe is cheap but not free; every 16th nested reference is often enough for its margin.
        if (state.RefDepth >= ctx.Settings.MaxRefDepth || ((state.RefDepth & 15) == 15 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
        {
            return state.HitLimit(InputErrorKind.ReferenceDepthExceeded, token);
        }

        if (Guarded)
        {
            if (state.IsOnCycle(this, token))
            {
                return ctx.Fail(this, token, "The schema's reference cycle through this keyword came back to the same place in the instance without moving into it (it would recurse forever).");
            }

            state.PushCycleGuard(this, token);
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
        if (Guarded)
        {
            state.PopCycleGuard();
        }

        return valid;
    }
}
