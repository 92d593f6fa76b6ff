using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>patternProperties</c>: each property whose name matches a pattern must match that pattern's schema.</summary>
internal sealed class PatternPropertiesKeyword : Keyword
{
    public PatternPropertiesKeyword(SchemaNode owner, string name, List<SchemaPattern> patterns, List<SchemaNode> schemas) : base(owner, name)
    {
        Patterns = [.. patterns];
        Schemas = [.. schemas];
    }

    public SchemaPattern[] Patterns { get; }

    public SchemaNode[] Schemas { get; }

    public override int Order => KeywordOrder.Applicator + 1;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var tape = ctx.Tape;
        ref var obj = ref tape[token];
        if (obj.Kind != JsonTokenKind.Object)
        {
            return true;
        }

        var state = ctx.State;
        var tracked = state.TrackedToken == token;
        var valid = true;
        var end = obj.End;
        var ordinal = 0;
        for (var p = token + 1; p < end; ordinal++)
        {
            var value = p + 1;
            for (var i = 0; i < Patterns.Length; i++)
            {
                if (!Patterns[i].Matches(ref ctx, p, out var timedOut))
                {
                    if (timedOut)
                    {
                        valid = ctx.Collect && ctx.Fail(this, value, "The property name could not be matched within the validation's regex budget (JsonSchemaOptions.RegexBudget).");
                        if (!ctx.Collect)
                        {
                            return false;
                        }
                    }

                    continue;
                }

                if (!Schemas[i].Evaluate(ref ctx, value))
                {
                    valid = false;
                    if (!ctx.Collect)
                    {
                        return false;
                    }
                }

                if (tracked)
                {
                    state.Mark(ordinal);
                }
            }

            p = tape[value].End;
        }

        return valid;
    }
}
