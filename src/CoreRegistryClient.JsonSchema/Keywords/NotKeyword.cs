using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>not</c>: the instance must not match the subschema (whose annotations never count).</summary>
internal sealed class NotKeyword(SchemaNode owner, string name, SchemaNode schema) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Combinator + 3;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => [schema];

    public override IEnumerable<SchemaNode> MustSubschemas => [schema];

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var collect = ctx.Collect;
        ctx.Collect = false;
        var state = ctx.State;
        var barrier = state.TrackedToken == token;
        if (barrier)
        {
            state.PushBarrier();
        }

        var matched = schema.Evaluate(ref ctx, token);
        if (barrier)
        {
            state.PopFrame(false);
        }

        ctx.Collect = collect;
        return !matched || (collect && ctx.Fail(this, token, "The value must not match the schema in not."));
    }
}
