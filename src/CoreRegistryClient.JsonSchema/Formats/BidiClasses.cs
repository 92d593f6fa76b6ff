using System.Globalization;
using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>The Bidi_Class of a code point, precise for the characters IDNA2008 allows in a label (letters,
/// digits, marks, the hyphen and the contextual exceptions); the BCL exposes no bidi data.</summary>
/// <remarks>Punctuation and symbols are all reported as <see cref="BidiClass.ON"/>: IDNA2008 disallows them in
/// labels before the Bidi Rule is ever consulted, so their exact class cannot change a verdict.</remarks>
internal static class BidiClasses
{
    private static readonly CodePointSet s_arabicNumbers = CodePointSet.FromRanges(
    [
        (0x0600, 0x0605), (0x0660, 0x0669), (0x066B, 0x066C), (0x06DD, 0x06DD), (0x0890, 0x0891), (0x08E2, 0x08E2),
        (0x10D30, 0x10D39), (0x10E60, 0x10E7E),
    ]);

    private static readonly CodePointSet s_europeanNumbers = CodePointSet.FromRanges(
    [
        (0x0030, 0x0039), (0x00B2, 0x00B3), (0x00B9, 0x00B9), (0x06F0, 0x06F9), (0x2070, 0x2070), (0x2074, 0x2079),
        (0x2080, 0x2089), (0x2488, 0x249B), (0xFF10, 0xFF19), (0x102E1, 0x102FB), (0x1D7CE, 0x1D7FF), (0x1F100, 0x1F10A),
        (0x1FBF0, 0x1FBF9),
    ]);

    private static readonly CodePointSet s_rightToLeft = CodePointSet.FromRanges(
    [
        (0x0590, 0x05FF), (0x07C0, 0x085F), (0xFB1D, 0xFB4F), (0x10800, 0x10CFF), (0x10D40, 0x10EBF), (0x10F00, 0x10F2F),
        (0x10F70, 0x10FFF), (0x1E800, 0x1EC6F), (0x1ECC0, 0x1ECFF), (0x1ED50, 0x1EDFF), (0x1EF00, 0x1EFFF),
    ]);

    private static readonly CodePointSet s_arabicLetters = CodePointSet.FromRanges(
    [
        (0x0600, 0x07BF), (0x0860, 0x08FF), (0xFB50, 0xFDCF), (0xFDF0, 0xFDFF), (0xFE70, 0xFEFF), (0x10D00, 0x10D3F),
        (0x10EC0, 0x10EFF), (0x10F30, 0x10F6F), (0x1EC70, 0x1ECBF), (0x1ED00, 0x1ED4F), (0x1EE00, 0x1EEFF),
    ]);

    /// <summary>The bidi class of <paramref name="cp"/>.</summary>
    public static BidiClass Get(int cp)
    {
        if (cp < 0x80)
        {
            return char.IsAsciiLetter((char)cp) ? BidiClass.L
                : char.IsAsciiDigit((char)cp) ? BidiClass.EN
                : cp is '-' or '+' ? BidiClass.ES
                : BidiClass.ON;
        }

        if (s_arabicNumbers.Contains(cp))
        {
            return BidiClass.AN;
        }

        if (s_europeanNumbers.Contains(cp))
        {
            return BidiClass.EN;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(cp);
        switch (category)
        {
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark:
                return BidiClass.NSM;
            case UnicodeCategory.Format or UnicodeCategory.Control:
                return BidiClass.BN;
        }

        if (s_rightToLeft.Contains(cp))
        {
            return BidiClass.R;
        }

        if (s_arabicLetters.Contains(cp))
        {
            return BidiClass.AL;
        }

        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            ? BidiClass.L
            : BidiClass.ON;
    }
}
