using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>An ECMA-262 pattern (as JSON Schema's <c>pattern</c> and <c>patternProperties</c> use) compiled once
/// for .NET: on the linear-time non-backtracking engine where the pattern allows (no time limit needed), otherwise
/// on the backtracking engine, whose matches draw on a validation's regex budget.</summary>
internal sealed class EcmaPattern
{
    /// <summary>Beyond this many surrogate-pair alternatives (e.g. the astral half of <c>\p{L}</c>) the
    /// non-backtracking engine takes hundreds of milliseconds to build, so such patterns use the backtracking engine,
    /// which the regex budget guards.</summary>
    private const int MaxAstralAlternativesForNonBacktracking = 16;

    /// <summary>Backtracking matches run with a timeout of the budget halved up to this many times, the largest
    /// that fits what is left, so the matches of one validation never take more than the budget together.</summary>
    private const int BudgetSteps = 6;

    private readonly SimplePattern? _simple;
    private readonly string _dotNetPattern;
    private readonly TimeSpan _budget;
    private readonly bool _linearTime;
    private readonly Regex?[] _budgeted = new Regex?[BudgetSteps];
    private Regex? _regex;

    private EcmaPattern(string source, string dotNetPattern, TranslatedPattern translated, TimeSpan budget)
    {
        Source = source;
        _dotNetPattern = dotNetPattern;
        _simple = translated.Simple;
        _budget = budget;
        _linearTime = !translated.NeedsBacktracking && translated.AstralAlternatives <= MaxAstralAlternativesForNonBacktracking;
        HasNestedQuantifiers = translated.NestedQuantifiers;
        BacktrackingReason = translated.BacktrackingReason ?? (_linearTime ? null : "a class too large for the linear-time engine");
    }

    /// <summary>The original ECMA-262 source.</summary>
    public string Source { get; }

    /// <summary>Whether the pattern runs on the linear-time non-backtracking engine (no backreferences, lookarounds,
    /// word boundaries or large astral property classes), so catastrophic backtracking cannot happen.</summary>
    public bool IsNonBacktracking => (Regex.Options & RegexOptions.NonBacktracking) != 0;

    /// <summary>Whether a repeated group repeats something itself (<c>(a+)+</c>): catastrophic on the backtracking engine.</summary>
    public bool HasNestedQuantifiers { get; }

    /// <summary>Why the pattern runs on the backtracking engine, or <see langword="null"/> when it does not.</summary>
    public string? BacktrackingReason { get; private set; }

    /// <summary>The .NET regex, built on first use when a simple matcher usually serves instead (building the
    /// linear-time engine's automaton costs far more than the rest of a schema's compilation).</summary>
    private Regex Regex => _regex ?? BuildRegex();

    /// <summary>Compiles <paramref name="ecmaPattern"/>; backtracking matches time out after <paramref name="budget"/>.</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid ECMA-262 regular expression or has no .NET equivalent.</exception>
    public static EcmaPattern Create(string ecmaPattern, TimeSpan budget)
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

        var pattern = new EcmaPattern(ecmaPattern, translated.DotNetPattern!, translated, budget);
        if (pattern._simple is null)
        {
            // Built now, so a pattern .NET cannot run is refused at compile time. A simple pattern (quantified
            // character sets only) always has a .NET form.
            pattern.BuildRegex();
        }

        return pattern;
    }

    private Regex BuildRegex()
    {
        Regex regex;
        if (_linearTime)
        {
            try
            {
                // Linear-time matching cannot run away, and a wall-clock limit would fail valid payloads whenever the
                // process is starved of CPU: no timeout.
                regex = new Regex(_dotNetPattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
                return Interlocked.CompareExchange(ref _regex, regex, null) ?? regex;
            }
            catch (NotSupportedException)
            {
                // Some valid patterns exceed the non-backtracking engine's size limits; the budget protects us instead.
                BacktrackingReason = "too large for the linear-time engine";
            }
        }

        try
        {
            regex = new Regex(_dotNetPattern, RegexOptions.CultureInvariant, _budget);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The ECMA-262 pattern has no .NET equivalent: {e.Message}", "ecmaPattern", e);
        }

        return Interlocked.CompareExchange(ref _regex, regex, null) ?? regex;
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
    /// <exception cref="RegexMatchTimeoutException">A backtracking match ran past the whole budget.</exception>
    public bool IsMatch(ReadOnlySpan<char> input) =>
        _simple is not null && input.Length <= SimplePattern.MaxInputLength ? _simple.IsMatch(input) : Regex.IsMatch(input);

    /// <summary>Matches within what is left of a validation's regex budget (<paramref name="ticksLeft"/>, in
    /// <see cref="Stopwatch"/> ticks, is reduced by the time a backtracking match took).</summary>
    /// <returns>Whether it matched; false with <paramref name="outOfBudget"/> set when the budget ran out first.</returns>
    public bool IsMatch(ReadOnlySpan<char> input, ref long ticksLeft, out bool outOfBudget)
    {
        outOfBudget = false;
        if ((_simple is not null && input.Length <= SimplePattern.MaxInputLength) || ticksLeft == long.MaxValue || IsNonBacktracking)
        {
            return IsMatch(input);
        }

        var regex = Budgeted(ticksLeft);
        if (regex is null)
        {
            outOfBudget = true;
            return false;
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            outOfBudget = true;
            ticksLeft = 0;
            return false;
        }
        finally
        {
            if (!outOfBudget)
            {
                ticksLeft = Math.Max(0, ticksLeft - (Stopwatch.GetTimestamp() - start));
            }
        }
    }

    /// <summary>The regex whose timeout is the largest step of the budget that fits <paramref name="ticksLeft"/>,
    /// or null when even the smallest does not.</summary>
    private Regex? Budgeted(long ticksLeft)
    {
        var regex = Regex;
        var budget = regex.MatchTimeout;
        var budgetTicks = (long)(budget.TotalSeconds * Stopwatch.Frequency);
        for (var step = 0; step < BudgetSteps; step++)
        {
            if ((budgetTicks >> step) <= ticksLeft)
            {
                if (step == 0)
                {
                    return regex;
                }

                return _budgeted[step] ?? CreateStep(step, budget);
            }
        }

        return null;
    }

    /// <summary>The match timeout a backtracking match gets with <paramref name="ticksLeft"/> of the budget left, or
    /// null when that is too little to try.</summary>
    internal TimeSpan? TimeoutFor(long ticksLeft) => Budgeted(ticksLeft)?.MatchTimeout;

    private Regex CreateStep(int step, TimeSpan budget)
    {
        var regex = new Regex(_dotNetPattern, RegexOptions.CultureInvariant, budget / (1 << step));
        return Interlocked.CompareExchange(ref _budgeted[step], regex, null) ?? regex;
    }

    /// <summary>Matches with the .NET regex even where the simple matcher would serve (to cross-check the two).</summary>
    internal bool IsMatchWithRegex(ReadOnlySpan<char> input) => Regex.IsMatch(input);

    /// <summary>The .NET pattern the source was translated to (for diagnostics and tests).</summary>
    public override string ToString() => Regex.ToString();
}
