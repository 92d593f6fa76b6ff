using System.Text.RegularExpressions;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>Runs a compiled pattern against a string token, turning a match timeout into a non-match.</summary>
internal static class PatternMatching
{
    public static bool Matches(EcmaPattern pattern, Keyword keyword, ref EvaluationContext ctx, int token, out bool timedOut)
    {
        timedOut = false;
        try
        {
            return pattern.IsMatch(ctx.Text(token));
        }
        catch (RegexMatchTimeoutException)
        {
            _ = keyword;
            timedOut = true;
            return false;
        }
    }
}
