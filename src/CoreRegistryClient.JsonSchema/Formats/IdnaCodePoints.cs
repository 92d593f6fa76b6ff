using System.Globalization;
using System.Text;
using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>Derives a code point's IDNA2008 property the way RFC 5892 section 3 does, from the runtime's
/// Unicode data (general category, normalisation, case mapping) plus the RFC's fixed lists.</summary>
/// <remarks>Unicode case folding is approximated by lower-casing after NFKC (which already applies every
/// compatibility mapping), plus the Cherokee small letters, which fold to capitals.</remarks>
internal static class IdnaCodePoints
{
    private static readonly CodePointSet s_exceptionsValid = CodePointSet.FromRanges(
        [(0x00DF, 0x00DF), (0x03C2, 0x03C2), (0x06FD, 0x06FE), (0x0F0B, 0x0F0B), (0x3007, 0x3007)]);

    private static readonly CodePointSet s_exceptionsContext = CodePointSet.FromRanges(
        [(0x00B7, 0x00B7), (0x0375, 0x0375), (0x05F3, 0x05F4), (0x0660, 0x0669), (0x06F0, 0x06F9), (0x30FB, 0x30FB)]);

    private static readonly CodePointSet s_exceptionsDisallowed = CodePointSet.FromRanges(
        [(0x0640, 0x0640), (0x07FA, 0x07FA), (0x302E, 0x302F), (0x3031, 0x3035), (0x303B, 0x303B)]);

    /// <summary>RFC 5892 s_ignorableBlocks: Combining Diacritical Marks for Symbols, Musical Symbols, Ancient Greek
    /// Musical Notation.</summary>
    private static readonly CodePointSet s_ignorableBlocks = CodePointSet.FromRanges([(0x20D0, 0x20FF), (0x1D100, 0x1D1FF), (0x1D200, 0x1D24F)]);

    /// <summary>RFC 5892 s_oldHangulJamo: Hangul_Syllable_Type L, V or T.</summary>
    private static readonly CodePointSet s_oldHangulJamo = CodePointSet.FromRanges([(0x1100, 0x11FF), (0xA960, 0xA97C), (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB)]);

    private static readonly CodePointSet s_cherokeeSmall = CodePointSet.FromRanges([(0x13F8, 0x13FD), (0xAB70, 0xABBF)]);

    /// <summary>The IDNA2008 property of <paramref name="cp"/>.</summary>
    public static IdnaProperty Get(int cp)
    {
        if (cp < 0x80)
        {
            return char.IsAsciiLetterLower((char)cp) || char.IsAsciiDigit((char)cp) || cp == '-'
                ? IdnaProperty.ProtocolValid
                : IdnaProperty.Disallowed;
        }

        if (s_exceptionsValid.Contains(cp))
        {
            return IdnaProperty.ProtocolValid;
        }

        if (s_exceptionsContext.Contains(cp))
        {
            return IdnaProperty.ContextOther;
        }

        if (s_exceptionsDisallowed.Contains(cp))
        {
            return IdnaProperty.Disallowed;
        }

        if (cp > CodePointSet.MaxCodePoint || cp is >= 0xD800 and <= 0xDFFF)
        {
            return IdnaProperty.Disallowed;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(cp);
        if (category == UnicodeCategory.OtherNotAssigned && !UnicodeProperties.Noncharacters.Contains(cp))
        {
            return IdnaProperty.Unassigned;
        }

        if (cp is 0x200C or 0x200D)
        {
            return IdnaProperty.ContextJoiner;
        }

        if (IsUnstable(cp) || UnicodeProperties.DefaultIgnorable.Contains(cp) || UnicodeProperties.WhiteSpace.Contains(cp)
            || UnicodeProperties.Noncharacters.Contains(cp) || s_ignorableBlocks.Contains(cp) || s_oldHangulJamo.Contains(cp))
        {
            return IdnaProperty.Disallowed;
        }

        return category is UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ModifierLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark
            ? IdnaProperty.ProtocolValid
            : IdnaProperty.Disallowed;
    }

    /// <summary>RFC 5892 Unstable: the code point changes under NFKC(CaseFold(NFKC(cp))).</summary>
    private static bool IsUnstable(int cp)
    {
        if (s_cherokeeSmall.Contains(cp))
        {
            return true;
        }

        var text = char.ConvertFromUtf32(cp);
        try
        {
            var normalized = text.Normalize(NormalizationForm.FormKC);
            var folded = normalized.ToLowerInvariant().Normalize(NormalizationForm.FormKC);
            return !string.Equals(folded, text, StringComparison.Ordinal);
        }
        catch (PlatformNotSupportedException)
        {
            // Globalization-invariant hosts may lack normalisation data: fall back to case mapping alone.
            return !string.Equals(text.ToLowerInvariant(), text, StringComparison.Ordinal);
        }
    }
}
