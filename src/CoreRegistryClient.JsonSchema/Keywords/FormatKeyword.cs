using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Formats;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>format</c> when asserted (option or format-assertion vocabulary); as a plain annotation it is not
/// compiled at all. Checkers read the decoded characters from the scratch buffer, so asserting allocates nothing.</summary>
internal sealed class FormatKeyword(SchemaNode owner, string name, string format, FormatChecker check) : Keyword(owner, name)
{
    // Built on the first failure (list output only) and reused: messages quote only schema values.
    private string? _message;

    public override int Order => KeywordOrder.Format;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        if (ctx.Tape[token].Kind != JsonTokenKind.String)
        {
            return true;
        }

        return check(ctx.Text(token)) || (ctx.Collect && ctx.Fail(this, token, _message ??= $"The string is not a valid {format}."));
    }
}
