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
internal sealed class EcmaPatternTranslator
{
    private const int MaxNesting = 200;

    private static readonly CodePointSet Digits = CodePointSet.Range('0', '9');
    private static readonly CodePointSet WordCharacters = CodePointSet.FromRanges([('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')]);
    private static readonly CodePointSet LineTerminators = CodePointSet.FromRanges([('\n', '\n'), ('\r', '\r'), (0x2028, 0x2029)]);
    private static readonly CodePointSet WhiteSpaceAndLineTerminators = CodePointSet.FromRanges(
    [
        (0x0009, 0x000D), (0x0020, 0x0020), (0x00A0, 0x00A0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029),
        (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF),
    ]);

    private static readonly CodePointSet AnyButLineTerminator = LineTerminators.Complement();
    private static readonly CodePointSet Surrogates = CodePointSet.Range(0xD800, 0xDFFF);
    private const string WordClass = "[0-9A-Z_a-z]";
    private const string LineTerminatorClass = @"[\n\r\u2028\u2029]";

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
                WriteSet(_dotAll ? CodePointSet.All : AnyButLineTerminator);
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

    /// <summary>Reads an optional quantifier and returns its bounds (1, 1 when there is none).</summary>
    private (int Min, int Max) ParseQuantifier()
    {
        var c = Peek(0);
        (int Min, int Max) bounds;
        if (c is '*' or '+' or '?')
        {
            _position++;
            _output.Append(c);
            bounds = c switch { '*' => (0, int.MaxValue), '+' => (1, int.MaxValue), _ => (0, 1) };
        }
        else if (c == '{')
        {
            if (!TryReadBraceQuantifier(out var min, out var max))
            {
                Fail("incomplete quantifier");
            }

            if (max is { Length: > 0 } && CompareNumbers(min, max) > 0)
            {
                Fail("numbers out of order in quantifier");
            }

            if (!int.TryParse(min, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
                || (max is { Length: > 0 } && !int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                _unsupported ??= "a quantifier bound above 2147483647";
            }

            _output.Append('{').Append(low.ToString(CultureInfo.InvariantCulture));
            bounds = (low, low);
            if (max is not null)
            {
                _output.Append(',');
                bounds = (low, int.MaxValue);
                if (max.Length > 0 && int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var high))
                {
                    _output.Append(high.ToString(CultureInfo.InvariantCulture));
                    bounds = (low, high);
                }
            }

            _output.Append('}');
        }
        else
        {
            return (1, 1);
        }

        if (Peek(0) == '?')
        {
            _position++;
            _output.Append('?');
        }

        return bounds;
    }

    /// <summary>Reads <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c>; <paramref name="max"/> is empty for <c>{n,}</c> and
    /// null for <c>{n}</c>.</summary>
    private bool TryReadBraceQuantifier(out string min, out string? max, bool advance = true)
    {
        min = "";
        max = null;
        var i = _position + 1;
        var start = i;
        while (i < _source.Length && char.IsAsciiDigit(_source[i]))
        {
            i++;
        }

        if (i == start || i >= _source.Length)
        {
            return false;
        }

        min = _source[start..i];
        if (_source[i] == ',')
        {
            i++;
            start = i;
            while (i < _source.Length && char.IsAsciiDigit(_source[i]))
            {
                i++;
            }

            max = _source[start..i];
        }

        if (i >= _source.Length || _source[i] != '}')
        {
            return false;
        }

        if (advance)
        {
            _position = i + 1;
        }

        return true;
    }

    private static int CompareNumbers(string a, string b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
    }

    private void ParseAtomEscape()
    {
        _position++;
        if (_position >= _source.Length)
        {
            Fail(@"'\' at the end of the pattern");
        }

        var c = _source[_position];
        if (c is >= '1' and <= '9')
        {
            var start = _position;
            while (_position < _source.Length && char.IsAsciiDigit(_source[_position]))
            {
                _position++;
            }

            var number = _source[start.._position];
            _collected.HasBackreferences = true;
            if (_groups is not null)
            {
                if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > _groups.CaptureCount)
                {
                    Fail($@"'\{number}' refers to a group that does not exist");
                }

                WriteBackreference([index]);
            }

            return;
        }

        if (c == 'k')
        {
            _position++;
            if (Peek(0) != '<')
            {
                Fail(@"'\k' must be followed by a group name in angle brackets");
            }

            _position++;
            var name = ParseGroupName();
            _collected.HasBackreferences = true;
            if (_groups is not null)
            {
                var indexes = _groups.IndexesOf(name);
                if (indexes.Count == 0)
                {
                    Fail($"'\\k<{name}>' refers to a group that does not exist");
                }

                WriteBackreference(indexes);
            }

            return;
        }

        var set = TryParseClassEscape();
        if (set is not null)
        {
            WriteSet(set);
            return;
        }

        WriteLiteral(ParseCharacterEscape(inClass: false));
    }

    /// <summary>Writes a backreference that, as in ECMA-262, matches the empty string when its group has not
    /// participated (the .NET construct alone would fail there).</summary>
    private void WriteBackreference(List<int> indexes)
    {
        NeedBacktracking(true, "a backreference");
        _simple = false;
        foreach (var index in indexes)
        {
            var n = index.ToString(CultureInfo.InvariantCulture);
            _output.Append("(?(").Append(n).Append(@")\k<").Append(n).Append(">|");
        }

        _output.Append(')', indexes.Count);
    }

    private CodePointSet? TryParseClassEscape()
    {
        var c = _source[_position];
        switch (c)
        {
            case 'd':
                _position++;
                return Digits;
            case 'D':
                _position++;
                return Digits.Complement();
            case 's':
                _position++;
                return WhiteSpaceAndLineTerminators;
            case 'S':
                _position++;
                return WhiteSpaceAndLineTerminators.Complement();
            case 'w':
                _position++;
                return WordCharacters;
            case 'W':
                _position++;
                return WordCharacters.Complement();
            case 'p' or 'P':
                _position++;
                var set = ParsePropertyEscape();
                return c == 'p' ? set : set.Complement();
            default:
                return null;
        }
    }

    private CodePointSet ParsePropertyEscape()
    {
        if (Peek(0) != '{')
        {
            Fail(@"'\p' and '\P' must be followed by a property in braces");
        }

        var close = _source.IndexOf('}', _position);
        if (close < 0)
        {
            Fail("unterminated Unicode property escape");
        }

        var body = _source[(_position + 1)..close];
        _position = close + 1;
        var equals = body.IndexOf('=', StringComparison.Ordinal);
        CodePointSet? set;
        string? unsupported;
        if (equals < 0)
        {
            if (!UnicodePropertyNames.GeneralCategories.ContainsKey(body) && !UnicodePropertyNames.BinaryProperties.Contains(body))
            {
                Fail($"unknown Unicode property '{body}'");
            }

            set = UnicodeProperties.ResolveLone(body, out unsupported);
        }
        else
        {
            var name = body[..equals];
            var value = body[(equals + 1)..];
            var known = name switch
            {
                "General_Category" or "gc" => UnicodePropertyNames.GeneralCategories.ContainsKey(value),
                "Script" or "sc" or "Script_Extensions" or "scx" => UnicodePropertyNames.Scripts.Contains(value),
                _ => false,
            };
            if (!known)
            {
                Fail($"unknown Unicode property '{body}'");
            }

            set = UnicodeProperties.ResolvePair(name, value, out unsupported);
        }

        if (unsupported is not null)
        {
            _unsupported ??= unsupported;
        }

        return set ?? CodePointSet.Empty;
    }

    private int ParseCharacterEscape(bool inClass)
    {
        var c = _source[_position++];
        switch (c)
        {
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'v': return '\v';
            case 'c':
                if (!char.IsAsciiLetter(Peek(0)))
                {
                    Fail(@"'\c' must be followed by an ASCII letter");
                }

                return _source[_position++] % 32;
            case '0':
                if (char.IsAsciiDigit(Peek(0)))
                {
                    Fail(@"octal escapes such as '\0" + Peek(0) + "' are not allowed");
                }

                return 0;
            case 'x':
                var value = ReadHex(2);
                if (value < 0)
                {
                    Fail(@"'\x' must be followed by two hexadecimal digits");
                }

                return value;
            case 'u':
                return ParseUnicodeEscape();
            case '^' or '$' or '\\' or '.' or '*' or '+' or '?' or '(' or ')' or '[' or ']' or '{' or '}' or '|' or '/':
                return c;
            case '-' when inClass:
                return c;
            default:
                Fail($"invalid escape '\\{c}'");
                return 0;
        }
    }

    /// <summary>Reads what follows <c>\u</c>: <c>{hex}</c>, or four hex digits (a surrogate pair written as two
    /// escapes is one code point).</summary>
    private int ParseUnicodeEscape()
    {
        if (Peek(0) == '{')
        {
            _position++;
            var start = _position;
            while (char.IsAsciiHexDigit(Peek(0)))
            {
                _position++;
            }

            var digits = _source[start.._position].TrimStart('0');
            if (_position == start || Peek(0) != '}' || digits.Length > 6
                || (digits.Length > 0 && int.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture) > CodePointSet.MaxCodePoint))
            {
                Fail(@"invalid '\u{...}' escape");
            }

            _position++;
            return digits.Length == 0 ? 0 : int.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        var unit = ReadHex(4);
        if (unit < 0)
        {
            Fail(@"'\u' must be followed by four hexadecimal digits or '{...}'");
        }

        if (unit is >= 0xD800 and <= 0xDBFF && Peek(0) == '\\' && Peek(1) == 'u')
        {
            var saved = _position;
            _position += 2;
            var trail = ReadHex(4);
            if (trail is >= 0xDC00 and <= 0xDFFF)
            {
                return char.ConvertToUtf32((char)unit, (char)trail);
            }

            _position = saved;
        }

        return unit;
    }

    private int ReadHex(int count)
    {
        if (_position + count > _source.Length)
        {
            return -1;
        }

        var value = 0;
        for (var i = 0; i < count; i++)
        {
            var c = _source[_position + i];
            if (!char.IsAsciiHexDigit(c))
            {
                return -1;
            }

            value = (value << 4) | HexValue(c);
        }

        _position += count;
        return value;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private void ParseClass()
    {
        _position++;
        var negated = Peek(0) == '^';
        if (negated)
        {
            _position++;
        }

        var ranges = new List<(int Start, int End)>();
        var set = CodePointSet.Empty;
        while (true)
        {
            if (_position >= _source.Length)
            {
                Fail("unterminated character class");
            }

            if (_source[_position] == ']')
            {
                _position++;
                break;
            }

            var (atomSet, atom) = ParseClassAtom();
            if (Peek(0) == '-' && _position + 1 < _source.Length && _source[_position + 1] != ']')
            {
                _position++;
                var (endSet, end) = ParseClassAtom();
                if (atomSet is not null || endSet is not null)
                {
                    Fail("a character class escape cannot bound a range");
                }

                if (atom > end)
                {
                    Fail("range out of order in character class");
                }

                ranges.Add((atom, end));
            }
            else if (atomSet is not null)
            {
                set = set.Union(atomSet);
            }
            else
            {
                ranges.Add((atom, atom));
            }
        }

        set = set.Union(CodePointSet.FromRanges(ranges));
        if (_ignoreCase)
        {
            // Under ignore-case ECMA compares canonicalised characters, so a negated class must also exclude the other
            // cases of its members; closing the set first keeps that true once .NET applies its own case matching.
            set = CloseUnderSimpleCase(set);
        }

        WriteSet(negated ? set.Complement() : set);
    }

    private (CodePointSet? Set, int CodePoint) ParseClassAtom()
    {
        if (_source[_position] != '\\')
        {
            return (null, ReadCodePoint());
        }

        _position++;
        if (_position >= _source.Length)
        {
            Fail(@"'\' at the end of the pattern");
        }

        var c = _source[_position];
        switch (c)
        {
            case 'b':
                _position++;
                return (null, '\b');
            case 'B':
                Fail(@"'\B' is not allowed in a character class");
                break;
            case >= '1' and <= '9':
                Fail($@"'\{c}' is not allowed in a character class");
                break;
        }

        var set = TryParseClassEscape();
        return set is not null ? (set, -1) : (null, ParseCharacterEscape(inClass: true));
    }

    private string ParseGroupName()
    {
        var name = new StringBuilder();
        while (true)
        {
            if (_position >= _source.Length)
            {
                Fail("unterminated group name");
            }

            if (_source[_position] == '>')
            {
                _position++;
                break;
            }

            int cp;
            if (_source[_position] == '\\')
            {
                _position++;
                if (Peek(0) != 'u')
                {
                    Fail("invalid escape in group name");
                }

                _position++;
                cp = ParseUnicodeEscape();
            }
            else
            {
                cp = ReadCodePoint();
            }

            if (name.Length == 0 ? !IsIdentifierStart(cp) : !IsIdentifierPart(cp))
            {
                Fail("invalid character in group name");
            }

            name.Append(char.ConvertFromUtf32(cp));
        }

        if (name.Length == 0)
        {
            Fail("empty group name");
        }

        return name.ToString();
    }

    private static bool IsIdentifierStart(int cp)
    {
        if (cp is '$' or '_')
        {
            return true;
        }

        if (cp is >= 0xD800 and <= 0xDFFF)
        {
            return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(cp) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;
    }

    private static bool IsIdentifierPart(int cp) =>
        IsIdentifierStart(cp) || cp is 0x200C or 0x200D
        || (cp is < 0xD800 or > 0xDFFF && CharUnicodeInfo.GetUnicodeCategory(cp) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation);

    private static CodePointSet CloseUnderSimpleCase(CodePointSet set)
    {
        var extra = new List<(int Start, int End)>();
        foreach (var (start, end) in set.Ranges)
        {
            for (var cp = start; cp <= Math.Min(end, 0xFFFF); cp++)
            {
                if (cp is >= 0xD800 and <= 0xDFFF)
                {
                    continue;
                }

                var c = (char)cp;
                int lower = char.ToLowerInvariant(c), upper = char.ToUpperInvariant(c);
                if (lower != cp)
                {
                    extra.Add((lower, lower));
                }

                if (upper != cp)
                {
                    extra.Add((upper, upper));
                }
            }
        }

        return set.Union(CodePointSet.FromRanges(extra));
    }

    private void WriteLiteral(int codePoint)
    {
        if (codePoint > 0xFFFF)
        {
            var pair = char.ConvertFromUtf32(codePoint);
            _output.Append("(?:");
            CharacterClassWriter.WriteUnit(_output, pair[0]);
            CharacterClassWriter.WriteUnit(_output, pair[1]);
            _output.Append(')');
        }
        else
        {
            // A lone surrogate only matches a lone surrogate, which a well-formed string never has.
            WriteSet(CodePointSet.Single(codePoint));
        }
    }

    private void WriteSet(CodePointSet set)
    {
        var astral = CharacterClassWriter.Write(_output, set);
        _astralAlternatives += astral;

        // Only sets of single UTF-16 units (no astral members) can be matched unit by unit.
        _lastAtomSet = astral == 0 && !_ignoreCase ? set.Except(Surrogates) : null;
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

    /// <summary>The capture groups found by the first pass.</summary>
    private sealed class GroupTable
    {
        private readonly List<(string Name, int Index, (int Disjunction, int Alternative)[] Path)> _names = [];

        public int CaptureCount { get; private set; }

        public bool HasBackreferences { get; set; }

        public void Add(string name, int index, (int Disjunction, int Alternative)[] path)
        {
            foreach (var existing in _names)
            {
                if (existing.Name == name && MightBothParticipate(existing.Path, path))
                {
                    throw new FormatException($"duplicate group name '{name}'");
                }
            }

            _names.Add((name, index, path));
        }

        public void Count(int captures) => CaptureCount = captures;

        public List<int> IndexesOf(string name) => _names.Where(n => n.Name == name).Select(n => n.Index).ToList();

        /// <summary>Two groups may share a name only when they sit in different alternatives of one disjunction.</summary>
        private static bool MightBothParticipate((int Disjunction, int Alternative)[] a, (int Disjunction, int Alternative)[] b)
        {
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                if (a[i].Disjunction != b[i].Disjunction)
                {
                    return true;
                }

                if (a[i].Alternative != b[i].Alternative)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
