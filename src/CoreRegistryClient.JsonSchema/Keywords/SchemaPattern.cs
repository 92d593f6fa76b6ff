using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>A schema pattern compiled once: the ECMA-262 regex, plus a byte-level fast path when the pattern is a
/// simple anchored run of ASCII classes.</summary>
internal sealed class SchemaPattern(string source, EcmaPattern regex)
{
    private readonly AnchoredClassPattern? _fast = AnchoredClassPattern.TryCreate(source);

    public string Source { get; } = source;

    /// <summary>The compiled ECMA-262 pattern.</summary>
    public EcmaPattern Regex => regex;

    /// <summary>Whether the string token matches; a backtracking match that runs out of the validation's regex
    /// budget counts as no match and sets <paramref name="timedOut"/> (and the state's budget flag).</summary>
    public bool Matches(ref EvaluationContext ctx, int token, out bool timedOut)
    {
        timedOut = false;
        ref var t = ref ctx.Tape[token];
        if (_fast is not null && !t.Escaped)
        {
            return _fast.IsMatch(ctx.Json.Slice(t.Start, t.Length));
        }

        var state = ctx.State;
        var matched = regex.IsMatch(ctx.Text(token), ref state.RegexTicksLeft, out timedOut);
        if (timedOut)
        {
            state.RegexBudgetExceeded = true;
        }

        return matched;
    }
}
