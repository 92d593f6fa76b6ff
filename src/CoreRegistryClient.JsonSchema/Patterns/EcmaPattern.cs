using System.Text.RegularExpressions;

namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>An ECMA-262 pattern (as JSON Schema's <c>pattern</c> and <c>patternProperties</c> use) compiled once
/// for .NET, with the non-backtracking engine where the pattern allows and a match timeout otherwise.</summary>
internal sealed class EcmaPattern
{
    private readonly Regex _regex;

    private EcmaPattern(string source, Regex regex)
    {
        Source = source;
        _regex = regex;
    }

    /// <summary>The original ECMA-262 source.</summary>
    public string Source { get; }

    /// <summary>Compiles <paramref name="ecmaPattern"/>.</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid ECMA-262 regular expression or has no .NET equivalent.</exception>
    public static EcmaPattern Create(string ecmaPattern, TimeSpan matchTimeout)
        => new(ecmaPattern, new Regex(ecmaPattern, RegexOptions.CultureInvariant, matchTimeout)); // placeholder translation

    /// <summary>Whether the pattern matches anywhere in <paramref name="input"/> (patterns are not anchored).</summary>
    /// <exception cref="RegexMatchTimeoutException">The match ran past the timeout.</exception>
    public bool IsMatch(ReadOnlySpan<char> input) => _regex.IsMatch(input);
}
