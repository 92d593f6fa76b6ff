using System.Globalization;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>minLength</c>/<c>maxLength</c>, counted in Unicode code points.</summary>
internal sealed class StringLengthKeyword : Keyword
{
    private readonly long _limit;
    private readonly bool _max;

    private StringLengthKeyword(SchemaNode owner, string name, JsonElement value, bool max) : base(owner, name)
    {
        _limit = KeywordValues.Count(value, this);
        _max = max;
    }

    public override int Order => KeywordOrder.Scalar;

    public static Keyword Create(SchemaNode owner, string name, JsonElement value, bool max) => new StringLengthKeyword(owner, name, value, max);

    // Built on the first failure (list output only) and reused: it quotes only the schema's limit.
    private string? _message;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        ref var t = ref ctx.Tape[token];
        if (t.Kind != JsonTokenKind.String)
        {
            return true;
        }

        // Byte length bounds the code-point count from above, and a quarter of it from below.
        if (_max ? t.Length <= _limit : (t.Length + 3) / 4 >= _limit && !t.Escaped)
        {
            return true;
        }

        var length = JsonStrings.CountCodePoints(ctx.Json.Slice(t.Start, t.Length), t.Escaped);
        var ok = _max ? length <= _limit : length >= _limit;
        return ok || (ctx.Collect && ctx.Fail(this, token, _message ??= _max
            ? string.Create(CultureInfo.InvariantCulture, $"The string must be at most {_limit} characters long.")
            : string.Create(CultureInfo.InvariantCulture, $"The string must be at least {_limit} characters long.")));
    }
}
