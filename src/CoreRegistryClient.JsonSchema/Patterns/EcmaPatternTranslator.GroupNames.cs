using System.Globalization;
using System.Text;

namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>ECMA-262 pattern translation: named groups: names, identifier rules and the table of captures the first pass collects.</summary>
internal sealed partial class EcmaPatternTranslator
{
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
