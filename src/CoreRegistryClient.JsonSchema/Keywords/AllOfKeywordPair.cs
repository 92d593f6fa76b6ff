using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>Draft 4-7 <c>dependencies</c> mixing both forms: the required-names part and the schema part.</summary>
internal sealed class AllOfKeywordPair(SchemaNode owner, string name, Keyword first, Keyword second) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Combinator;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => first.InPlaceSubschemas.Concat(second.InPlaceSubschemas);

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var a = first.Evaluate(ref ctx, token);
        if (!a && !ctx.Collect)
        {
            return false;
        }

        return second.Evaluate(ref ctx, token) && a;
    }
}
