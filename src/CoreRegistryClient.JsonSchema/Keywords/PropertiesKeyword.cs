using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>properties</c>: each instance property named here must match its schema; names are looked up
/// as pre-encoded UTF-8.</summary>
internal sealed class PropertiesKeyword : Keyword
{
    public PropertiesKeyword(SchemaNode owner, string name, List<string> names, List<SchemaNode> schemas) : base(owner, name)
    {
        Names = new PropertyNameTable(names);
        Schemas = [.. schemas];
    }

    public PropertyNameTable Names { get; }

    public SchemaNode[] Schemas { get; }

    public override int Order => KeywordOrder.Applicator;

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
            ref var name = ref tape[p];
            var index = Names.Find(ctx.Json.Slice(name.Start, name.Length), name.Escaped);
            var value = p + 1;
            if (index >= 0)
            {
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

            p = tape[value].End;
        }

        return valid;
    }
}
