using System.Globalization;
using System.Text;

namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>Reads an ECMA-262 pattern with unicode-mode (<c>u</c> flag) grammar, as JSON Schema requires, and writes
/// the .NET pattern with the same meaning.</summary>
/// <remarks>
/// Everything is re-emitted from the parse rather than passed through, so .NET-only syntax in the source can never
/// reach the .NET engine. Meanings that differ between the dialects are spelled out: <c>\d \w \s \b</c> are
/// ECMA's ASCII/ECMA sets, <c>.</c> excludes the four line terminators, <c>$</c> is the very end, classes and
/// astral literals match whole code points (surrogate pairs), capture groups keep ECMA numbering, and a
/// backreference to a group that has not participated matches the empty string.
/// The pattern is read twice: the first pass counts capture groups and names, the second validates
/// backreferences against them and emits.
/// </remarks>
internal sealed partial class EcmaPatternTranslator
{
    private const int MaxNesting = 200;

    private readonly string _source;
    private readonly GroupTable? _groups;
    private readonly StringBuilder _output = new();
    private readonly List<(int Disjunction, int Alternative)> _path = [];
    private readonly GroupTable _collected = new();
    private int _position;
    private int _captureCount;
    private int _disjunctionCount;
    private bool _ignoreCase;
    private bool _multiline;
    private bool _dotAll;
    private bool _needsBacktracking;
    private string? _backtrackingReason;

    // Nested quantifiers: whether the terms read so far in the current group repeat something, and whether the
    // atom just read (a group) does.
    private bool _repeatsHere;
    private bool _atomRepeats;
    private bool _nestedQuantifiers;
    private int _astralAlternatives;

    // Whether the pattern is a plain sequence of quantified single-unit sets that SimplePattern can match.
    private bool _simple = true;
    private bool _anchoredStart;
    private bool _anchoredEnd;
    private CodePointSet? _lastAtomSet;
    private readonly List<(CodePointSet Set, int Min, int Max)> _simpleItems = [];
    private string? _unsupported;

    private EcmaPatternTranslator(string source, GroupTable? groups)
    {
        _source = source;
        _groups = groups;
    }

    /// <summary>Reads <paramref name="pattern"/> and returns its .NET translation or why there is none.</summary>
    public static TranslatedPattern Translate(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            var first = new EcmaPatternTranslator(pattern, groups: null);
            first.Run();
            first._collected.Count(first._captureCount);
            var second = new EcmaPatternTranslator(pattern, first._collected);
            second.Run();
            return second._unsupported is { } reason
                ? new TranslatedPattern(null, reason, null, second._needsBacktracking, 0)
                : new TranslatedPattern(null, null, second._output.ToString(), second._needsBacktracking, second._astralAlternatives)
                {
                    Simple = second._simple ? new SimplePattern(second._simpleItems, second._anchoredStart, second._anchoredEnd) : null,
                    NestedQuantifiers = second._nestedQuantifiers,
                    BacktrackingReason = second._backtrackingReason,
                };
        }
        catch (FormatException e)
        {
            return new TranslatedPattern(e.Message, null, null, false, 0);
        }
    }

    private void Run()
    {
        ParseDisjunction(0);
        if (_position < _source.Length)
        {
            Fail("unmatched ')'");
        }
    }

    private void ParseDisjunction(int depth)
    {
        if (depth > MaxNesting)
        {
            Fail($"groups are nested more than {MaxNesting} deep");
        }

        var id = _disjunctionCount++;
        var alternative = 0;
        _path.Add((id, alternative));
        while (true)
        {
            while (_position < _source.Length && _source[_position] is not ('|' or ')'))
            {
                ParseTerm(depth);
            }

            if (_position < _source.Length && _source[_position] == '|')
            {
                _simple = false;
                _position++;
                _output.Append('|');
                _path[^1] = (id, ++alternative);
                continue;
            }

            break;
        }

        _path.RemoveAt(_path.Count - 1);
    }

    private void ParseTerm(int depth)
    {
        // '$' must be the last term of a simple pattern, and '^' the first.
        _simple &= !_anchoredEnd;
        switch (_source[_position])
        {
            case '^':
                _simple &= depth == 0 && !_multiline && _simpleItems.Count == 0 && !_anchoredStart;
                _anchoredStart = true;
                _position++;
                _output.Append(_multiline ? $"(?:^|(?<={LineTerminatorClass}))" : "^");
                NeedBacktracking(_multiline, "a multiline '^'");
                RejectQuantifier();
                return;
            case '$':
                _simple &= depth == 0 && !_multiline;
                _anchoredEnd = true;
                _position++;
                _output.Append(_multiline ? $"(?:\\z|(?={LineTerminatorClass}))" : @"\z");
                NeedBacktracking(_multiline, "a multiline '$'");
                RejectQuantifier();
                return;
            case '\\' when Peek(1) is 'b' or 'B':
                var boundary = Peek(1) == 'b';
                _position += 2;
                _output.Append(boundary
                    ? $"(?:(?<={WordClass})(?!{WordClass})|(?<!{WordClass})(?={WordClass}))"
                    : $"(?:(?<={WordClass})(?={WordClass})|(?<!{WordClass})(?!{WordClass}))");
                NeedBacktracking(true, "a word boundary");
                _simple = false;
                RejectQuantifier();
                return;
            case '(' when Peek(1) == '?' && (Peek(2) is '=' or '!' || (Peek(2) == '<' && Peek(3) is '=' or '!')):
                var behind = Peek(2) == '<';
                var opener = behind ? _source.Substring(_position, 4) : _source.Substring(_position, 3);
                _simple = false;
                _position += opener.Length;
                _output.Append(opener);
                NeedBacktracking(true, "a lookaround");
                ParseGroupBody(depth);
                RejectQuantifier();
                return;
        }

        _lastAtomSet = null;
        _atomRepeats = false;
        ParseAtom(depth);
        var atomSet = _lastAtomSet;
        var atomRepeats = _atomRepeats;
        var (min, max) = ParseQuantifier();
        if (max > 1 && atomRepeats)
        {
            _nestedQuantifiers = true;
        }

        _repeatsHere |= max > 1 || atomRepeats;
        if (depth == 0 && atomSet is not null)
        {
            _simpleItems.Add((atomSet, min, max));
        }
        else
        {
            _simple = false;
        }
    }

    private void ParseAtom(int depth)
    {
        var c = _source[_position];
        switch (c)
        {
            case '.':
                _position++;
                WriteSet(_dotAll ? CodePointSet.All : s_anyButLineTerminator);
                return;
            case '(':
                _simple = false;
                ParseGroup(depth);
                _lastAtomSet = null;
                return;
            case '[':
                ParseClass();
                return;
            case '\\':
                ParseAtomEscape();
                return;
            case '*' or '+' or '?':
                Fail($"nothing to repeat before '{c}'");
                return;
            case '{':
                Fail(TryReadBraceQuantifier(out _, out _) ? "nothing to repeat before '{'" : "a lone '{' is not allowed");
                return;
            case '}' or ']':
                Fail($"a lone '{c}' is not allowed");
                return;
            default:
                WriteLiteral(ReadCodePoint());
                return;
        }
    }

    private void ParseGroup(int depth)
    {
        _position++;
        if (Peek(0) != '?')
        {
            WriteCaptureOpen(++_captureCount);
        }
        else if (Peek(1) == ':')
        {
            _position += 2;
            _output.Append("(?:");
        }
        else if (Peek(1) == '<')
        {
            _position += 2;
            var name = ParseGroupName();
            var index = ++_captureCount;
            _collected.Add(name, index, [.. _path]);
            WriteCaptureOpen(index);
        }
        else if (Peek(1) is 'i' or 'm' or 's' or '-')
        {
            _position++;
            ParseModifierGroup(depth);
            return;
        }
        else
        {
            Fail("invalid group: '(?' must be followed by ':', '=', '!', '<=', '<!', '<name>' or modifiers");
        }

        ParseGroupBody(depth);
    }

    /// <summary>Reads a group's disjunction and its ')'; afterwards <see cref="_atomRepeats"/> says whether the
    /// group repeats anything inside (so repeating the group nests quantifiers).</summary>
    private void ParseGroupBody(int depth)
    {
        var outer = _repeatsHere;
        _repeatsHere = false;
        ParseDisjunction(depth + 1);
        ExpectGroupEnd();
        _atomRepeats = _repeatsHere;
        _repeatsHere = outer;
    }

    private void NeedBacktracking(bool needed, string reason)
    {
        if (needed)
        {
            _needsBacktracking = true;
            _backtrackingReason ??= reason;
        }
    }

    private void ParseModifierGroup(int depth)
    {
        var add = ReadFlags();
        var remove = "";
        var hasDash = Peek(0) == '-';
        if (hasDash)
        {
            _position++;
            remove = ReadFlags();
        }

        if (Peek(0) != ':')
        {
            Fail("invalid modifier group: only (?ims-ims:...) is allowed");
        }

        _position++;
        var all = add + remove;
        if (all.Length == 0 || all.Distinct().Count() != all.Length)
        {
            Fail("invalid modifier group: flags must be non-empty and not repeated");
        }

        var (savedI, savedM, savedS) = (_ignoreCase, _multiline, _dotAll);
        _ignoreCase = Apply(_ignoreCase, 'i');
        _multiline = Apply(_multiline, 'm');
        _dotAll = Apply(_dotAll, 's');
        _output.Append(_ignoreCase == savedI ? "(?:" : _ignoreCase ? "(?i:" : "(?-i:");
        ParseGroupBody(depth);
        (_ignoreCase, _multiline, _dotAll) = (savedI, savedM, savedS);

        bool Apply(bool current, char flag) => add.Contains(flag, StringComparison.Ordinal) || (!remove.Contains(flag, StringComparison.Ordinal) && current);
    }

    private string ReadFlags()
    {
        var start = _position;
        while (Peek(0) is 'i' or 'm' or 's')
        {
            _position++;
        }

        return _source[start.._position];
    }

    private void ExpectGroupEnd()
    {
        if (Peek(0) != ')')
        {
            Fail("unterminated group");
        }

        _position++;
        _output.Append(')');
    }

    private void WriteCaptureOpen(int index)
    {
        // Captures only matter to backreferences; without any, plain groups keep the non-backtracking engine fast.
        if (_groups is { HasBackreferences: true })
        {
            _output.Append("(?<").Append(index.ToString(CultureInfo.InvariantCulture)).Append('>');
        }
        else
        {
            _output.Append("(?:");
        }
    }

    private void RejectQuantifier()
    {
        if (Peek(0) is '*' or '+' or '?' || (Peek(0) == '{' && TryReadBraceQuantifier(out _, out _, advance: false)))
        {
            Fail("an assertion cannot be repeated");
        }
    }

    private int ReadCodePoint()
    {
        var c = _source[_position++];
        if (char.IsHighSurrogate(c) && _position < _source.Length && char.IsLowSurrogate(_source[_position]))
        {
            return char.ConvertToUtf32(c, _source[_position++]);
        }

        return c;
    }

    private char Peek(int ahead) => _position + ahead < _source.Length ? _source[_position + ahead] : '\0';

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string reason) =>
        throw new FormatException($"{reason} (at offset {Math.Min(_position, _source.Length)})");
}
