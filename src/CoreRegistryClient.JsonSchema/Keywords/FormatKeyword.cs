using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>format</c> when asserted (option or format-assertion vocabulary); as a plain annotation it is not compiled at all.</summary>
internal sealed class FormatKeyword(SchemaNode owner, string name, string format, Func<string, bool> check) : Keyword(owner, name)
{
    public override int Order => KeywordOrder.Format;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        if (ctx.Tape[token].Kind != JsonTokenKind.String)
        {
            return true;
        }

        return check(ctx.Text(token).ToString()) || (ctx.Collect && ctx.Fail(this, token, $"The string is not a valid {format}."));
    }
}
