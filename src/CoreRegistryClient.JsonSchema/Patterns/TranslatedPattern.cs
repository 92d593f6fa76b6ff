namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>The outcome of reading an ECMA-262 pattern: either a syntax error, or a valid pattern with its .NET
/// translation (or the reason it has none).</summary>
/// <param name="Error">Why the pattern is not valid ECMA-262, or <see langword="null"/> when it is.</param>
/// <param name="Unsupported">Why a valid pattern cannot be run on .NET, or <see langword="null"/>.</param>
/// <param name="DotNetPattern">The equivalent .NET pattern when there is one.</param>
/// <param name="NeedsBacktracking">Whether the translation uses constructs the non-backtracking engine lacks
/// (backreferences, lookarounds, word boundaries).</param>
/// <param name="AstralAlternatives">How many surrogate-pair alternatives the classes needed: each splits the
/// non-backtracking engine's alphabet further, and dozens (an astral <c>\p{L}</c>) make it slow to build.</param>
internal sealed record TranslatedPattern(string? Error, string? Unsupported, string? DotNetPattern, bool NeedsBacktracking, int AstralAlternatives)
{
    /// <summary>A regex-free matcher with the same meaning, when the pattern is a plain sequence of quantified
    /// single-character sets.</summary>
    public SimplePattern? Simple { get; init; }

    /// <summary>Whether a repeated group itself contains a repetition (<c>(a+)+</c>, <c>(\w*,)*</c>): the shape that
    /// backtracks catastrophically on a backtracking engine.</summary>
    public bool NestedQuantifiers { get; init; }

    /// <summary>Why the pattern needs the backtracking engine (backreference, lookaround, word boundary, multiline
    /// anchor), or <see langword="null"/>.</summary>
    public string? BacktrackingReason { get; init; }
}
