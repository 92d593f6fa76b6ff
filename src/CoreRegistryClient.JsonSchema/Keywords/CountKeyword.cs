using System.Globalization;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>minItems</c>/<c>maxItems</c>/<c>minProperties</c>/<c>maxProperties</c>: bounds on a container's size.</summary>
internal sealed class CountKeyword : Keyword
{
    private readonly long _limit;
    private readonly bool _max;
    private readonly JsonTokenKind _kind;

    private CountKeyword(SchemaNode owner, string name, JsonElement value, bool max, JsonTokenKind kind) : base(owner, name)
    {
        _limit = KeywordValues.Count(value, this);
        _max = max;
        _kind = kind;
    }

    public override int Order => KeywordOrder.Scalar;

    public static Keyword Create(SchemaNode owner, string name, JsonElement value, bool max, JsonTokenKind kind)
        => new CountKeyword(owner, name, value, max, kind);

    // Built on the first failure (list output only) and reused: it quotes only the schema's limit.
    private string? _message;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        ref var t = ref ctx.Tape[token];
        if (t.Kind != _kind)
        {
            return true;
        }

        var ok = _max ? t.Count <= _limit : t.Count >= _limit;
        return ok || (ctx.Collect && ctx.Fail(this, token, _message ??= string.Create(CultureInfo.InvariantCulture,
            $"The {(_kind == JsonTokenKind.Array ? "array" : "object")} must have at {(_max ? "most" : "least")} {_limit} {(_kind == JsonTokenKind.Array ? "items" : "properties")}.")));
    }
}
