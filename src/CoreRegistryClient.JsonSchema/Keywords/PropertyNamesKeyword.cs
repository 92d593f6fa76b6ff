using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>propertyNames</c>: every property name (as a string) must match the schema.</summary>
internal sealed class PropertyNamesKeyword(SchemaNode owner, string name, SchemaNode schema) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Applicator + 3;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var tape = ctx.Tape;
        ref var obj = ref tape[token];
        if (obj.Kind != JsonTokenKind.Object)
        {
            return true;
        }

        var valid = true;
        var end = obj.End;
        for (var p = token + 1; p < end; p = tape[p + 1].End)
        {
            if (!schema.Evaluate(ref ctx, p))
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
