using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>const</c>: JSON equality with one value.</summary>
internal sealed class ConstKeyword : Keyword
{
    private readonly ConstantValue _value;

    private ConstKeyword(SchemaNode owner, string name, JsonElement value) : base(owner, name) => _value = ConstantValue.From(value);

    public override int Order => KeywordOrder.Value;

    public static Keyword Create(SchemaNode owner, string name, JsonElement value) => new ConstKeyword(owner, name, value);

    public override bool Evaluate(ref EvaluationContext ctx, int token)
        => _value.Matches(ctx.Json, ctx.Tape, token) || (ctx.Collect && ctx.Fail(this, token, "The value must equal the constant the schema defines."));
}
