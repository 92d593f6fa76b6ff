using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>anyOf</c>: the instance matches at least one subschema. Every branch is evaluated only when
/// annotations are being recorded (unevaluated* needs all passing branches).</summary>
internal sealed class AnyOfKeyword(SchemaNode owner, string name, SchemaNode[] schemas) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Combinator + 1;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => schemas;

    public override IEnumerable<SchemaNode> MustSubschemas => schemas.Length == 1 ? schemas : [];

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        // Branches run without collecting errors: a passing anyOf discards them anyway, so list output only
        // pays for them (a second pass) when the keyword fails.
        var tracked = ctx.State.TrackedToken == token;
        var collect = ctx.Collect;
        ctx.Collect = false;
        var any = false;
        foreach (var schema in schemas)
        {
            if (SchemaNode.EvaluateIsolated(schema, ref ctx, token))
            {
                any = true;
                if (!tracked)
                {
                    break;
                }
            }
        }

        ctx.Collect = collect;
        if (any || !collect)
        {
            return any;
        }

        foreach (var schema in schemas)
        {
            schema.Evaluate(ref ctx, token);
        }

        return ctx.Fail(this, token, "The value must match at least one of the schemas in anyOf.");
    }
}
