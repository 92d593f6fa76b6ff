using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>Writes a code point set as one .NET regex atom that matches exactly one member code point: a UTF-16
/// class for the Basic Multilingual Plane, and surrogate-pair alternatives for the astral planes.</summary>
/// <remarks>Surrogate code points are never written as single units: in a well-formed string they only occur in
/// pairs, and a unicode-mode ECMA-262 pattern never splits a pair.</remarks>
internal static class CharacterClassWriter
{
    private const string NeverMatches = @"[^\u0000-\uFFFF]";

    private static readonly string[] s_categoryCodes =
    [
        "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co",
        "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Cn",
    ];

    private static readonly CodePointSet s_plane0 = CodePointSet.Range(0, 0xFFFF);
    private static readonly Lazy<CodePointSet[]> s_plane0Categories = new(
        () => [.. Enumerable.Range(0, s_categoryCodes.Length).Select(i => UnicodeProperties.Category((UnicodeCategory)i).Intersect(s_plane0))]);
    private static readonly CodePointSet s_bmp = CodePointSet.FromRanges([(0, 0xD7FF), (0xE000, 0xFFFF)]);
    private static readonly CodePointSet s_astral = CodePointSet.Range(0x10000, CodePointSet.MaxCodePoint);

    /// <summary>Appends the atom for <paramref name="set"/> and returns how many surrogate-pair alternatives it
    /// needed for the astral planes.</summary>
    public static int Write(StringBuilder output, CodePointSet set)
    {
        var bmp = set.Intersect(s_bmp);
        var astral = set.Intersect(s_astral);
        if (astral.IsEmpty)
        {
            WriteBmp(output, bmp);
            return 0;
        }

        output.Append("(?:");
        var first = true;
        var alternatives = 0;
        if (!bmp.IsEmpty)
        {
            WriteBmp(output, bmp);
            first = false;
        }

        foreach (var (hiStart, hiEnd, lows) in SplitAstral(astral))
        {
            if (!first)
            {
                output.Append('|');
            }

            first = false;
            WriteUnits(output, [(hiStart, hiEnd)]);
            WriteUnits(output, CollectionsMarshal.AsSpan(lows));
            alternatives++;
        }

        output.Append(')');
        return alternatives;
    }

    /// <summary>Appends one UTF-16 code unit as a regex literal.</summary>
    public static void WriteUnit(StringBuilder output, int unit)
    {
        if (unit is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z')
        {
            output.Append((char)unit);
        }
        else
        {
            output.Append(@"\u").Append(unit.ToString("X4", CultureInfo.InvariantCulture));
        }
    }

    private static void WriteBmp(StringBuilder output, CodePointSet bmp)
    {
        if (bmp.IsEmpty)
        {
            output.Append(NeverMatches);
            return;
        }

        // Whole general categories are written as .NET's own \p{..}: a class of hundreds of explicit ranges costs
        // the non-backtracking engine far more to build than the same category by name.
        var positive = Decompose(bmp);
        var negative = Decompose(s_plane0.Except(bmp));
        var negated = negative.Cost < positive.Cost;
        var (categories, residual, _) = negated ? negative : positive;
        if (!negated && categories.Count == 0 && residual.Length == 1 && residual[0].Start == residual[0].End)
        {
            WriteUnit(output, residual[0].Start);
            return;
        }

        output.Append(negated ? "[^" : "[");
        foreach (var category in categories)
        {
            output.Append(@"\p{").Append(s_categoryCodes[(int)category]).Append('}');
        }

        WriteRanges(output, residual);
        output.Append(']');
    }

    private static (List<UnicodeCategory> Categories, (int Start, int End)[] Residual, int Cost) Decompose(CodePointSet set)
    {
        var categories = new List<UnicodeCategory>();
        if (set.Ranges.Length < 8)
        {
            return (categories, set.Ranges.ToArray(), set.Ranges.Length);
        }

        var covered = CodePointSet.Empty;
        var plane0Categories = s_plane0Categories.Value;
        for (var i = 0; i < plane0Categories.Length; i++)
        {
            var members = plane0Categories[i];
            if (members.Ranges.Length >= 4 && members.Except(set).IsEmpty)
            {
                categories.Add((UnicodeCategory)i);
                covered = covered.Union(members);
            }
        }

        var residual = set.Except(covered).Ranges.ToArray();
        return (categories, residual, categories.Count + residual.Length);
    }

    private static void WriteUnits(StringBuilder output, ReadOnlySpan<(int Start, int End)> ranges)
    {
        if (ranges.Length == 1 && ranges[0].Start == ranges[0].End)
        {
            WriteUnit(output, ranges[0].Start);
            return;
        }

        output.Append('[');
        WriteRanges(output, ranges);
        output.Append(']');
    }

    private static void WriteRanges(StringBuilder output, ReadOnlySpan<(int Start, int End)> ranges)
    {
        foreach (var (start, end) in ranges)
        {
            WriteUnit(output, start);
            if (end != start)
            {
                if (end > start + 1)
                {
                    output.Append('-');
                }

                WriteUnit(output, end);
            }
        }
    }

    /// <summary>Groups astral ranges by leading surrogate: runs of leading surrogates that share the same trailing
    /// surrogate ranges become one entry.</summary>
    private static List<(int HiStart, int HiEnd, List<(int Start, int End)> Lows)> SplitAstral(CodePointSet astral)
    {
        var pieces = new List<(int HiStart, int HiEnd, List<(int Start, int End)> Lows)>();
        void Add(int hiStart, int hiEnd, int lowStart, int lowEnd)
        {
            if (hiStart == hiEnd && pieces.Count > 0 && pieces[^1].HiStart == hiStart && pieces[^1].HiEnd == hiEnd)
            {
                pieces[^1].Lows.Add((lowStart, lowEnd));
            }
            else
            {
                pieces.Add((hiStart, hiEnd, [(lowStart, lowEnd)]));
            }
        }

        foreach (var (start, end) in astral.Ranges)
        {
            int hs = High(start), he = High(end), ls = Low(start), le = Low(end);
            if (hs == he)
            {
                Add(hs, hs, ls, le);
                continue;
            }

            Add(hs, hs, ls, 0xDFFF);
            if (he - hs > 1)
            {
                Add(hs + 1, he - 1, 0xDC00, 0xDFFF);
            }

            Add(he, he, 0xDC00, le);
        }

        var merged = new List<(int HiStart, int HiEnd, List<(int Start, int End)> Lows)>(pieces.Count);
        foreach (var piece in pieces)
        {
            if (merged.Count > 0 && merged[^1].HiEnd + 1 == piece.HiStart && merged[^1].Lows.SequenceEqual(piece.Lows))
            {
                merged[^1] = (merged[^1].HiStart, piece.HiEnd, merged[^1].Lows);
            }
            else
            {
                merged.Add(piece);
            }
        }

        return merged;
    }

    private static int High(int codePoint) => 0xD800 + ((codePoint - 0x10000) >> 10);

    private static int Low(int codePoint) => 0xDC00 + ((codePoint - 0x10000) & 0x3FF);
}
