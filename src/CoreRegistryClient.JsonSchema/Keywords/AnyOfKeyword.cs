using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>anyOf</c>: the instance matches at least one subschema. Every branch is evaluated only when
/// annotations are being recorded (unevaluated* needs all passing branches).</summary>
internal sealed class AnyOfKeyword(SchemaNode owner, string name, SchemaNode[] schemas) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Combinator + 1;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => schemas;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var tracked = ctx.State.TrackedToken == token;
        var mark = ctx.ErrorCount;
        var any = false;
        foreach (var schema in schemas)
        {
            if (SchemaNode.EvaluateIsolated(schema, ref ctx, token))
            {
                any = true;
                if (!tracked)
                {
                    break;
                }
            }
        }

        if (any)
        {
            ctx.TruncateErrors(mark);
            return true;
        }

        return ctx.Collect && ctx.Fail(this, token, "The value must match at least one of the schemas in anyOf.");
    }
}
