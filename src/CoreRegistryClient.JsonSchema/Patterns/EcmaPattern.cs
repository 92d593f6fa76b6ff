using System.Text.RegularExpressions;

namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>An ECMA-262 pattern (as JSON Schema's <c>pattern</c> and <c>patternProperties</c> use) compiled once
/// for .NET, with the non-backtracking engine where the pattern allows and a match timeout otherwise.</summary>
internal sealed class EcmaPattern
{
    /// <summary>Beyond this many surrogate-pair alternatives (e.g. the astral half of <c>\p{L}</c>) the
    /// non-backtracking engine takes hundreds of milliseconds to build, so such patterns use the backtracking engine,
    /// which the match timeout guards.</summary>
    private const int MaxAstralAlternativesForNonBacktracking = 16;

    private readonly Regex _regex;
    private readonly SimplePattern? _simple;

    private EcmaPattern(string source, Regex regex, SimplePattern? simple)
    {
        Source = source;
        _regex = regex;
        _simple = simple;
    }

    /// <summary>The original ECMA-262 source.</summary>
    public string Source { get; }

    /// <summary>Whether the pattern runs on the linear-time non-backtracking engine (no backreferences, lookarounds,
    /// word boundaries or large astral property classes), so catastrophic backtracking cannot happen.</summary>
    public bool IsNonBacktracking => (_regex.Options & RegexOptions.NonBacktracking) != 0;

    /// <summary>Compiles <paramref name="ecmaPattern"/>.</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid ECMA-262 regular expression or has no .NET equivalent.</exception>
    public static EcmaPattern Create(string ecmaPattern, TimeSpan matchTimeout)
    {
        ArgumentNullException.ThrowIfNull(ecmaPattern);
        var translated = EcmaPatternTranslator.Translate(ecmaPattern);
        if (translated.Error is { } error)
        {
            throw new ArgumentException($"The pattern is not a valid ECMA-262 regular expression: {error}.", nameof(ecmaPattern));
        }

        if (translated.Unsupported is { } unsupported)
        {
            throw new ArgumentException($"The ECMA-262 pattern has no .NET equivalent: {unsupported}.", nameof(ecmaPattern));
        }

        var pattern = translated.DotNetPattern!;
        if (!translated.NeedsBacktracking && translated.AstralAlternatives <= MaxAstralAlternativesForNonBacktracking)
        {
            try
            {
                return new EcmaPattern(ecmaPattern, new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeout), translated.Simple);
            }
            catch (NotSupportedException)
            {
                // Some valid patterns exceed the non-backtracking engine's size limits; the timeout protects us instead.
            }
        }

        try
        {
            return new EcmaPattern(ecmaPattern, new Regex(pattern, RegexOptions.CultureInvariant, matchTimeout), translated.Simple);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The ECMA-262 pattern has no .NET equivalent: {e.Message}", nameof(ecmaPattern), e);
        }
    }

    /// <summary>Whether <paramref name="ecmaPattern"/> is a valid ECMA-262 (unicode-mode) regular expression,
    /// whether or not .NET can run it; <paramref name="error"/> says why not.</summary>
    public static bool IsValid(string ecmaPattern, out string? error)
    {
        error = EcmaPatternTranslator.Translate(ecmaPattern).Error;
        return error is null;
    }

    /// <summary>Whether the pattern is a plain sequence of quantified character sets, matched without the regex
    /// engine for inputs of up to <see cref="SimplePattern.MaxInputLength"/> characters.</summary>
    public bool HasSimpleMatcher => _simple is not null;

    /// <summary>Whether the pattern matches anywhere in <paramref name="input"/> (patterns are not anchored).</summary>
    /// <exception cref="RegexMatchTimeoutException">The match ran past the timeout.</exception>
    public bool IsMatch(ReadOnlySpan<char> input) =>
        _simple is not null && input.Length <= SimplePattern.MaxInputLength ? _simple.IsMatch(input) : _regex.IsMatch(input);

    /// <summary>Matches with the .NET regex even where the simple matcher would serve (to cross-check the two).</summary>
    internal bool IsMatchWithRegex(ReadOnlySpan<char> input) => _regex.IsMatch(input);

    /// <summary>The .NET pattern the source was translated to (for diagnostics and tests).</summary>
    public override string ToString() => _regex.ToString();
}
