using System.Text.RegularExpressions;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>A schema pattern compiled once: the ECMA-262 regex, plus a byte-level fast path when the pattern is a
/// simple anchored run of ASCII classes.</summary>
internal sealed class SchemaPattern(string source, EcmaPattern regex)
{
    private readonly AnchoredClassPattern? _fast = AnchoredClassPattern.TryCreate(source);

    public string Source { get; } = source;

    /// <summary>Whether the string token matches; a regex timeout counts as no match and sets <paramref name="timedOut"/>.</summary>
    public bool Matches(ref EvaluationContext ctx, int token, out bool timedOut)
    {
        timedOut = false;
        ref var t = ref ctx.Tape[token];
        if (_fast is not null && !t.Escaped)
        {
            return _fast.IsMatch(ctx.Json.Slice(t.Start, t.Length));
        }

        try
        {
            return regex.IsMatch(ctx.Text(token));
        }
        catch (RegexMatchTimeoutException)
        {
            timedOut = true;
            return false;
        }
    }
}
