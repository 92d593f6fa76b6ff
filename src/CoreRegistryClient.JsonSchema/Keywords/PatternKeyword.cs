using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>pattern</c>: an ECMA-262 regular expression compiled once; a match timeout is an error, not a crash.</summary>
internal sealed class PatternKeyword : Keyword
{
    private readonly SchemaPattern _pattern;

    private PatternKeyword(SchemaNode owner, string name, SchemaPattern pattern) : base(owner, name) => _pattern = pattern;

    public override int Order => KeywordOrder.Scalar + 5;

    public static Keyword Create(SchemaNode owner, string name, JsonElement value, Func<string, SchemaNode, string, SchemaPattern> compile)
    {
        var source = KeywordValues.String(value, owner, name);
        return new PatternKeyword(owner, name, compile(source, owner, name));
    }

    // Built on the first failure (list output only) and reused: it quotes only the schema's pattern.
    private string? _message;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        if (ctx.Tape[token].Kind != JsonTokenKind.String)
        {
            return true;
        }

        return _pattern.Matches(ref ctx, token, out var timedOut)
            || (ctx.Collect && ctx.Fail(this, token, timedOut
                ? "The pattern could not be matched within the validation's regex budget (JsonSchemaOptions.RegexBudget); the value is treated as not matching."
                : _message ??= $"The string must match the pattern {_pattern.Source}."));
    }
}
