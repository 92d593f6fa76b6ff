using System.Runtime.CompilerServices;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;
using CoreRegistryClient.JsonSchema.Numbers;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c> (numeric form, and
/// draft 4's boolean modifiers folded into minimum/maximum), compared exactly.</summary>
internal sealed class NumericBoundKeyword : Keyword
{
    private readonly NumberLimit _limit;
    private readonly bool _upper;
    private readonly bool _exclusive;

    private NumericBoundKeyword(SchemaNode owner, string name, JsonElement value, bool upper, bool exclusive) : base(owner, name)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw KeywordValues.Invalid(this, "must be a number");
        }

        _limit = NumberLimit.From(value);
        _upper = upper;
        _exclusive = exclusive;
    }

    public override int Order => KeywordOrder.Scalar;

    public static Keyword Create(SchemaNode owner, string name, JsonElement value, bool upper, bool exclusive)
        => new NumericBoundKeyword(owner, name, value, upper, exclusive);

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        if (ctx.Tape[token].Kind != JsonTokenKind.Number)
        {
            return true;
        }

        var number = new InstanceNumber(ctx.Raw(token));
        return Check(ref number, ref ctx, token);
    }

    /// <summary>Checks an already parsed instance number (see <see cref="NumberChecksKeyword"/>); inlined there, so a
    /// bound of zero is decided without a call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Check(ref InstanceNumber number, ref EvaluationContext ctx, int token)
    {
        var c = _limit.Compare(ref number);
        var ok = _upper ? (_exclusive ? c < 0 : c <= 0) : (_exclusive ? c > 0 : c >= 0);
        return ok || Fail(ref ctx, token);
    }

    private bool Fail(ref EvaluationContext ctx, int token) => ctx.Collect && ctx.Fail(this, token, _message ??= Message());

    // Built on the first failure (list output only) and reused: it quotes only the schema's limit.
    private string? _message;

    private string Message() => (_upper, _exclusive) switch
    {
        (true, false) => $"The value must be at most {_limit.Text}.",
        (true, true) => $"The value must be less than {_limit.Text}.",
        (false, false) => $"The value must be at least {_limit.Text}.",
        _ => $"The value must be greater than {_limit.Text}.",
    };
}
