using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>additionalProperties</c>: properties matched by neither sibling <c>properties</c> nor
/// <c>patternProperties</c> must match this schema.</summary>
internal sealed class AdditionalPropertiesKeyword : Keyword
{
    private readonly PropertyNameTable? _names;
    private readonly SchemaPattern[] _patterns;
    private readonly SchemaNode _schema;

    public AdditionalPropertiesKeyword(SchemaNode owner, string name, PropertyNameTable? names, SchemaPattern[] patterns, SchemaNode schema) : base(owner, name)
    {
        _names = names;
        _patterns = patterns;
        _schema = schema;
    }

    public override int Order => KeywordOrder.Applicator + 2;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var tape = ctx.Tape;
        ref var obj = ref tape[token];
        if (obj.Kind != JsonTokenKind.Object)
        {
            return true;
        }

        var tracked = ctx.State.TrackedToken == token;
        var valid = true;
        var end = obj.End;
        var ordinal = 0;
        for (var p = token + 1; p < end; ordinal++)
        {
            ref var name = ref tape[p];
            if ((_names is null || _names.Find(ctx.Json.Slice(name.Start, name.Length), name.Escaped) < 0)
                && !EvaluateUndeclared(ref ctx, p, ordinal, tracked))
            {
                valid = false;
                if (!ctx.Collect)
                {
                    return false;
                }
            }

            p = tape[p + 1].End;
        }

        return valid;
    }

    /// <summary>Applies to a property <c>properties</c> does not declare: pattern-matched ones are left alone.</summary>
    public bool EvaluateUndeclared(ref EvaluationContext ctx, int nameToken, int ordinal, bool tracked)
    {
        foreach (var pattern in _patterns)
        {
            // A timed-out pattern counts as declared: patternProperties reports the timeout itself.
            if (pattern.Matches(ref ctx, nameToken, out var timedOut) || timedOut)
            {
                return true;
            }
        }

        var value = nameToken + 1;
        var ok = _schema.AlwaysInvalid
            ? ctx.Collect && ctx.Fail(this, value, "The property is not allowed by the schema.")
            : _schema.Evaluate(ref ctx, value);
        if (tracked)
        {
            ctx.State.Mark(ordinal);
        }

        return ok;
    }
}
