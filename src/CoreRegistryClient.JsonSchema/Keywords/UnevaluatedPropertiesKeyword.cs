using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>unevaluatedProperties</c>: properties no successful sibling or in-place subschema evaluated must match.</summary>
internal sealed class UnevaluatedPropertiesKeyword(SchemaNode owner, string name, SchemaNode schema) : Keyword(owner, name)
{
    public SchemaNode Schema => schema;

    public override int Order => KeywordOrder.Unevaluated;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var tape = ctx.Tape;
        ref var obj = ref tape[token];
        if (obj.Kind != JsonTokenKind.Object)
        {
            return true;
        }

        var state = ctx.State;
        var valid = true;
        var end = obj.End;
        var ordinal = 0;
        for (var p = token + 1; p < end; ordinal++)
        {
            var value = p + 1;
            if (!state.IsMarked(ordinal))
            {
                var ok = schema.AlwaysInvalid
                    ? ctx.Collect && ctx.Fail(this, value, "The property is not evaluated by the schema and unevaluated properties are not allowed.")
                    : schema.Evaluate(ref ctx, value);
                if (!ok)
                {
                    valid = false;
                    if (!ctx.Collect)
                    {
                        return false;
                    }
                }
            }

            p = tape[value].End;
        }

        state.MarkAll();
        return valid;
    }
}
