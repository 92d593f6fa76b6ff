using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;
using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>additionalProperties</c>: properties matched by neither sibling <c>properties</c> nor
/// <c>patternProperties</c> must match this schema.</summary>
internal sealed class AdditionalPropertiesKeyword : Keyword
{
    private readonly PropertyNameTable? _names;
    private readonly EcmaPattern[] _patterns;
    private readonly SchemaNode _schema;

    public AdditionalPropertiesKeyword(SchemaNode owner, string name, PropertyNameTable? names, EcmaPattern[] patterns, SchemaNode schema) : base(owner, name)
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

        var state = ctx.State;
        var tracked = state.TrackedToken == token;
        var valid = true;
        var end = obj.End;
        var ordinal = 0;
        for (var p = token + 1; p < end; ordinal++)
        {
            var value = p + 1;
            if (!IsDeclared(ref ctx, p))
            {
                var ok = _schema.AlwaysInvalid
                    ? ctx.Collect && ctx.Fail(this, value, "The property is not allowed by the schema.")
                    : _schema.Evaluate(ref ctx, value);
                if (!ok)
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

    private bool IsDeclared(ref EvaluationContext ctx, int nameToken)
    {
        ref var name = ref ctx.Tape[nameToken];
        if (_names is not null && _names.Find(ctx.Json.Slice(name.Start, name.Length), name.Escaped) >= 0)
        {
            return true;
        }

        foreach (var pattern in _patterns)
        {
            // A timed-out pattern counts as declared: patternProperties reports the timeout itself.
            if (PatternMatching.Matches(pattern, this, ref ctx, nameToken, out var timedOut) || timedOut)
            {
                return true;
            }
        }

        return false;
    }
}
