namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>ECMA-262 pattern translation: character classes and the code-point sets every atom is written as.</summary>
internal sealed partial class EcmaPatternTranslator
{
    private static readonly CodePointSet s_digits = CodePointSet.Range('0', '9');
    private static readonly CodePointSet s_wordCharacters = CodePointSet.FromRanges([('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')]);
    private static readonly CodePointSet s_lineTerminators = CodePointSet.FromRanges([('\n', '\n'), ('\r', '\r'), (0x2028, 0x2029)]);
    private static readonly CodePointSet s_whiteSpaceAndLineTerminators = CodePointSet.FromRanges(
    [
        (0x0009, 0x000D), (0x0020, 0x0020), (0x00A0, 0x00A0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029),
        (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF),
    ]);

    private static readonly CodePointSet s_anyButLineTerminator = s_lineTerminators.Complement();
    private static readonly CodePointSet s_surrogates = CodePointSet.Range(0xD800, 0xDFFF);
    private const string WordClass = "[0-9A-Z_a-z]";
    private const string LineTerminatorClass = @"[\n\r\u2028\u2029]";

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
        _lastAtomSet = astral == 0 && !_ignoreCase ? set.Except(s_surrogates) : null;
    }
}
