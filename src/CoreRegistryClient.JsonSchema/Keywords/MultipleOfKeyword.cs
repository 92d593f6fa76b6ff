using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;
using CoreRegistryClient.JsonSchema.Numbers;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>multipleOf</c> with exact decimal arithmetic (0.3 is a multiple of 0.1; 1e308 of 0.5).</summary>
internal sealed class MultipleOfKeyword : Keyword
{
    private readonly NumberLimit _divisor;
    // Built on the first failure (list output only) and reused: messages quote only schema values.
    private string? _message;

    private MultipleOfKeyword(SchemaNode owner, string name, JsonElement value) : base(owner, name)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw KeywordValues.Invalid(this, "must be a number");
        }

        _divisor = NumberLimit.From(value);
        if (_divisor.IsZeroOrNegative)
        {
            throw KeywordValues.Invalid(this, "must be greater than 0");
        }
    }

    public override int Order => KeywordOrder.Scalar;

    public static Keyword Create(SchemaNode owner, string name, JsonElement value) => new MultipleOfKeyword(owner, name, value);

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        if (ctx.Tape[token].Kind != JsonTokenKind.Number)
        {
            return true;
        }

        var number = new InstanceNumber(ctx.Raw(token));
        return Check(ref number, ref ctx, token);
    }

    /// <summary>Checks an already parsed instance number (see <see cref="NumberChecksKeyword"/>).</summary>
    public bool Check(ref InstanceNumber number, ref EvaluationContext ctx, int token)
        => _divisor.Divides(ref number) || (ctx.Collect && ctx.Fail(this, token, _message ??= $"The value must be a multiple of {_divisor.Text}."));
}
