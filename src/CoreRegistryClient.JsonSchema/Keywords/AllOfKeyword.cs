using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>allOf</c>: the instance matches every subschema.</summary>
internal sealed class AllOfKeyword(SchemaNode owner, string name, SchemaNode[] schemas) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Combinator;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => schemas;

    public override IEnumerable<SchemaNode> MustSubschemas => schemas;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var valid = true;
        foreach (var schema in schemas)
        {
            if (!schema.Evaluate(ref ctx, token))
            {
                valid = false;
                if (!ctx.Collect)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}
