using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>dependencies</c> (draft 4-7, kept for compatibility later) mixing both forms: names that become
/// required, and schemas the object must then match. Either form alone compiles to its dedicated keyword.</summary>
internal sealed class DependenciesKeyword(SchemaNode owner, string name, Keyword first, Keyword second) : Keyword(owner, name)
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
