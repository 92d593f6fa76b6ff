using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;
using CoreRegistryClient.JsonSchema.Numbers;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>A schema's <c>type</c> and numeric keywords (bounds, <c>multipleOf</c>) checked together: one look at
/// the token and one parse of the number serve them all. Each keyword still reports its own errors.</summary>
internal sealed class NumberChecksKeyword(SchemaNode owner, TypeKeyword? type, NumericBoundKeyword[] bounds, MultipleOfKeyword? multipleOf)
    : Keyword(owner, type?.Name ?? (bounds.Length > 0 ? bounds[0].Name : multipleOf!.Name))
{
    public override int Order => KeywordOrder.Type;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        ref var t = ref ctx.Tape[token];
        if (t.Kind != JsonTokenKind.Number)
        {
            return type is null || type.Evaluate(ref ctx, token);
        }

        var valid = type is null || type.Accepts(ref t) || type.Evaluate(ref ctx, token);
        if (!valid && !ctx.Collect)
        {
            return false;
        }

        var number = new InstanceNumber(ctx.Json.Slice(t.Start, t.Length));
        foreach (var bound in bounds)
        {
            if (!bound.Check(ref number, ref ctx, token))
            {
                valid = false;
                if (!ctx.Collect)
                {
                    return false;
                }
            }
        }

        return (multipleOf is null || multipleOf.Check(ref number, ref ctx, token)) && valid;
    }
}
