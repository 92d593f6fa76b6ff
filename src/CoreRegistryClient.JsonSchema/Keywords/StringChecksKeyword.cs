using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>A schema's <c>type</c> and string keywords (<c>minLength</c>, <c>maxLength</c>, <c>pattern</c>) checked
/// together, cheapest first, with one look at the token. Each keyword still reports its own errors.</summary>
internal sealed class StringChecksKeyword(SchemaNode owner, TypeKeyword? type, Keyword[] checks)
    : Keyword(owner, type?.Name ?? checks[0].Name)
{
    public override int Order => KeywordOrder.Type;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        ref var t = ref ctx.Tape[token];
        if (t.Kind != JsonTokenKind.String)
        {
            return type is null || type.Evaluate(ref ctx, token);
        }

        // A string always passes a type check that allows strings, so only the string keywords remain.
        var valid = type is null || type.Accepts(ref t) || type.Evaluate(ref ctx, token);
        if (!valid && !ctx.Collect)
        {
            return false;
        }

        foreach (var check in checks)
        {
            if (!check.Evaluate(ref ctx, token))
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
