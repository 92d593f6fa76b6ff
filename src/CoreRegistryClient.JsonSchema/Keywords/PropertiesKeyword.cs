using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>properties</c>: each instance property named here must match its schema; names are looked up
/// as pre-encoded UTF-8. When the same schema has <c>required</c> (naming only declared properties) and/or
/// <c>additionalProperties</c>, those are checked in the same single pass over the instance object.</summary>
internal sealed class PropertiesKeyword : Keyword
{
    private RequiredKeyword? _required;
    private ulong _requiredMask;
    private byte[] _requiredBits = [];
    private AdditionalPropertiesKeyword? _additional;

    public PropertiesKeyword(SchemaNode owner, string name, List<string> names, List<SchemaNode> schemas) : base(owner, name)
    {
        Names = new PropertyNameTable(names);
        Schemas = [.. schemas];
    }

    public PropertyNameTable Names { get; }

    public SchemaNode[] Schemas { get; }

    public override int Order => KeywordOrder.Applicator;

    /// <summary>Takes over <paramref name="required"/> if every name it lists is declared here (among the first 64).</summary>
    public bool TryAbsorb(RequiredKeyword required)
    {
        ulong mask = 0;
        var bits = new byte[required.Utf8Names.Length];
        for (var i = 0; i < bits.Length; i++)
        {
            var index = Names.Find(required.Utf8Names[i], escaped: false);
            if (index is < 0 or >= 64)
            {
                return false;
            }

            mask |= 1UL << index;
            bits[i] = (byte)index;
        }

        _required = required;
        _requiredMask = mask;
        _requiredBits = bits;
        return true;
    }

    /// <summary>Takes over <paramref name="additional"/>, which applies to every property not found here.</summary>
    public void Absorb(AdditionalPropertiesKeyword additional) => _additional = additional;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var tape = ctx.Tape;
        ref var obj = ref tape[token];
        if (obj.Kind != JsonTokenKind.Object)
        {
            return true;
        }

        if (_required is not null && obj.Count < _required.Utf8Names.Length && !ctx.Collect)
        {
            return false;
        }

        var state = ctx.State;
        var tracked = state.TrackedToken == token;
        var valid = true;
        var end = obj.End;
        var ordinal = 0;
        ulong seen = 0;
        var hint = 0;
        for (var p = token + 1; p < end; ordinal++)
        {
            ref var name = ref tape[p];
            var index = Names.Find(ctx.Json.Slice(name.Start, name.Length), name.Escaped, hint);
            var value = p + 1;
            if (index >= 0)
            {
                hint = index + 1;
                seen |= 1UL << index;
                if (!Schemas[index].Evaluate(ref ctx, value))
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
            else if (_additional is not null && !_additional.EvaluateUndeclared(ref ctx, p, ordinal, tracked))
            {
                valid = false;
                if (!ctx.Collect)
                {
                    return false;
                }
            }

            p = tape[value].End;
        }

        if (_required is not null && (seen & _requiredMask) != _requiredMask)
        {
            // The pass above already knows which names are missing.
            valid = _required.ReportMissing(ref ctx, token, seen, _requiredBits);
        }

        return valid;
    }
}
