using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>oneOf</c>: the instance matches exactly one subschema.</summary>
internal sealed class OneOfKeyword(SchemaNode owner, string name, SchemaNode[] schemas) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Combinator + 2;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => schemas;

    public override IEnumerable<SchemaNode> MustSubschemas => schemas.Length == 1 ? schemas : [];

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        // Branches run without collecting errors; list output re-runs them only when no branch matched.
        var collect = ctx.Collect;
        ctx.Collect = false;
        var matches = 0;
        foreach (var schema in schemas)
        {
            if (SchemaNode.EvaluateIsolated(schema, ref ctx, token) && ++matches > 1)
            {
                break;
            }
        }

        ctx.Collect = collect;
        if (matches == 1)
        {
            return true;
        }

        if (!collect)
        {
            return false;
        }

        if (matches > 1)
        {
            return ctx.Fail(this, token, "The value must match exactly one of the schemas in oneOf, but matches more than one.");
        }

        foreach (var schema in schemas)
        {
            schema.Evaluate(ref ctx, token);
        }

        return ctx.Fail(this, token, "The value must match exactly one of the schemas in oneOf, but matches none.");
    }
}
