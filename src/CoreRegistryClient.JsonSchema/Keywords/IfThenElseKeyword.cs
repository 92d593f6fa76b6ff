using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>if</c> with sibling <c>then</c>/<c>else</c>: the outcome of <c>if</c> picks which one applies.</summary>
internal sealed class IfThenElseKeyword(SchemaNode owner, string name, SchemaNode condition, SchemaNode? then, SchemaNode? otherwise) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Combinator + 4;

    public override IEnumerable<SchemaNode> InPlaceSubschemas
        => new[] { condition, then, otherwise }.Where(s => s is not null).Cast<SchemaNode>();

    public override IEnumerable<SchemaNode> MustSubschemas => [condition];

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var collect = ctx.Collect;
        ctx.Collect = false;
        var matched = SchemaNode.EvaluateIsolated(condition, ref ctx, token);
        ctx.Collect = collect;
        var branch = matched ? then : otherwise;
        return branch is null || branch.Evaluate(ref ctx, token);
    }
}
