using System.Globalization;

namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>ECMA-262 pattern translation: escapes: backreferences, class escapes (<c>\d \w \s \p{...}</c>) and character escapes.</summary>
internal sealed partial class EcmaPatternTranslator
{
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
                return s_digits;
            case 'D':
                _position++;
                return s_digits.Complement();
            case 's':
                _position++;
                return s_whiteSpaceAndLineTerminators;
            case 'S':
                _position++;
                return s_whiteSpaceAndLineTerminators.Complement();
            case 'w':
                _position++;
                return s_wordCharacters;
            case 'W':
                _position++;
                return s_wordCharacters.Complement();
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
}
