using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>oneOf</c>: the instance matches exactly one subschema.</summary>
internal sealed class OneOfKeyword(SchemaNode owner, string name, SchemaNode[] schemas) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Combinator + 2;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => schemas;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var mark = ctx.ErrorCount;
        var matches = 0;
        foreach (var schema in schemas)
        {
            if (SchemaNode.EvaluateIsolated(schema, ref ctx, token) && ++matches > 1)
            {
                break;
            }
        }

        if (matches == 1)
        {
            ctx.TruncateErrors(mark);
            return true;
        }

        if (matches > 1)
        {
            ctx.TruncateErrors(mark);
            return ctx.Collect && ctx.Fail(this, token, "The value must match exactly one of the schemas in oneOf, but matches more than one.");
        }

        return ctx.Collect && ctx.Fail(this, token, "The value must match exactly one of the schemas in oneOf, but matches none.");
    }
}
